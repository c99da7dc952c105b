import Foundation
import LessonEngine

/// A step seen, for the progress file.
public struct SeenStep: Sendable, Equatable {
    public var lesson: String
    public var step: Int

    public init(lesson: String, step: Int) {
        self.lesson = lesson
        self.step = step
    }
}

/// Everything the explorer shows, as a value: the run loop is the only impure code.
public struct AppState: Sendable {
    public enum Screen: Sendable, Equatable { case lessonList, lesson }

    /// The lessons as written, in their source language: each language switch localizes these
    /// afresh, so nothing is translated twice.
    public let sourceLessons: [Lesson]
    /// The lessons in `language` (`Lesson.localized(to:)` of `sourceLessons`).
    public private(set) var lessons: [Lesson]
    /// Exercises by lesson id and step index, decoded once per language: the list and the panel
    /// read them every frame.
    public private(set) var exercises: [String: [Int: [Exercise]]]
    /// The language of the interface, of the lessons' words and of the numbers on screen (`L`
    /// switches it live).
    public private(set) var language: Language
    public var screen: Screen = .lessonList
    /// The highlighted lesson in the list, and the open one.
    public var selectedLesson = 0
    public var step = 0
    /// Live parameter values the learner has changed on this step (reset when the step changes).
    public var overrides: [String: Double] = [:]
    /// The control `+`/`-` act on.
    public var controlIndex = 0
    /// Which drawable view has focus (Tab).
    public var focusedView = 0
    /// The heatmap cursor.
    public var cursor = MatrixIndex(row: 0, column: 0)
    public var pipelineStage = 0
    /// The first line of the step's prose shown (J/K scroll it when it does not fit).
    public var proseScroll = 0
    public var showHelp = false
    /// Digits typed before Enter, to jump to a step.
    public var numberBuffer = ""
    /// Presenter mode: large views, no prose column, a step counter in the footer.
    public var presenter = false
    public var theme: Theme = .dark
    /// The heatmaps' colour map (`c` cycles viridis → magma → grey).
    public var colorMap: ColorMap = .viridis
    public var depth: ColorDepth = .direct
    /// The steps seen per lesson id (from 0), shown in the list as "4/7 steps"; loaded from
    /// the progress file and saved to it as steps are seen.
    public var seenSteps: [String: Set<Int>] = [:]
    /// Steps newly seen, for the run loop to save (lesson id, step).
    public var pendingSeenSteps: [SeenStep] = []
    /// The first lesson the list shows when it is longer than the screen.
    public var listTop = 0
    /// The screen's height as the run loop last reported it: PgUp/PgDn on the list move by a page.
    public var screenHeight = minimumSize.height
    /// The current step's scene, computed by the kernel (nil when the step has no scene).
    public private(set) var computed: ComputedScene?
    /// The scene shown before the last step move or control change: cells whose values differ
    /// from it are marked as changed, so the eye finds what the step is about.
    public private(set) var previousComputed: ComputedScene?
    /// Counts the pictures `previousComputed` was set for, so a run loop can tell fresh marks
    /// from ones it already timed (marks fade `changeMarkMilliseconds` after they appear).
    public private(set) var changeGeneration = 0
    /// Whether the last change was a control (everything may change) or a step move (a new
    /// picture: only a partial change is worth marking).
    public var changeFromControl = false
    /// Show the focused view alone, on the whole screen (`z`; for the projector).
    public var soloView = false
    /// Why the current scene could not be computed.
    public private(set) var sceneFailure: SceneFailure?
    /// Why the current scene could not be computed, in a sentence with its file and line, in `language`.
    public var sceneError: String? { sceneFailure.map { sceneFailureText($0, language) } }
    public var wantsQuit = false
    /// The current step's exercises, when it has any and the learner opened them (`e`).
    public var exercisePanel: ExercisePanel?
    /// Solved exercise ids per lesson id, as saved.
    public var solved: [String: Set<String>] = [:]
    /// Progress changes for the run loop to save.
    public var pendingProgress: [ProgressRecord] = []
    /// A message for the status line (e.g. a progress file that could not be saved).
    public var statusMessage: String?
    /// The lesson's introduction (the prose before its first step) is on screen, as the page
    /// before step 1.
    public var showingIntroduction = false
    /// A model step's live state: the learner's sentence, its input line, a missing model.
    public var modelStep = ModelStepState()

    public init(lessons: [Lesson], presenter: Bool = false, theme: Theme = .dark, depth: ColorDepth = .direct, language: Language = .en) {
        sourceLessons = lessons
        self.language = language
        self.lessons = Self.localized(lessons, to: language)
        exercises = Self.exercises(of: self.lessons)
        self.presenter = presenter
        self.theme = theme
        self.depth = depth
    }

    private static func localized(_ lessons: [Lesson], to language: Language) -> [Lesson] {
        lessons.map { $0.localized(to: language.rawValue) }
    }

    private static func exercises(of lessons: [Lesson]) -> [String: [Int: [Exercise]]] {
        Dictionary(lessons.map { lesson in
            (lesson.id, Dictionary(lessonExercises(lesson).steps.map { ($0.stepIndex, $0.exercises) }, uniquingKeysWith: +))
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Shows everything in `newLanguage`: the interface, the lessons' words (localized afresh
    /// from the source lessons) and the numbers. The step, controls, cursor, focus and the open
    /// exercise's state (typed answer, tries, hints, solution) stay as they were; scenes are
    /// shared between languages, so the numbers do not change, only how they are written.
    public mutating func setLanguage(_ newLanguage: Language) {
        guard newLanguage != language else { return }
        language = newLanguage
        lessons = Self.localized(sourceLessons, to: newLanguage)
        exercises = Self.exercises(of: lessons)
        if var panel = exercisePanel {
            // The same exercises (ids carry over), in the new words; a count that differs would
            // mean a broken translation, which keeps the panel's own copy.
            let translated = stepExercises
            if translated.map(\.id) == panel.exercises.map(\.id) { panel.exercises = translated }
            exercisePanel = panel
        }
        // The scene's view titles and control labels are words too: evaluate again, keeping
        // the picture the changed-cell marks compare with.
        let previous = previousComputed
        recompute()
        previousComputed = previous
    }

    /// Whether the views may show changed-cell marks (`•`): a picture to compare with is kept.
    public var showsChangeMarks: Bool { previousComputed != nil }

    /// Drops the picture the marks compare with, so the `•` marks go: they point at what a
    /// change did, and are noise once the learner has moved on (the next key) or had a moment
    /// to look.
    public mutating func fadeChangeMarks() {
        previousComputed = nil
    }

    public var lesson: Lesson? { lessons.indices.contains(selectedLesson) ? lessons[selectedLesson] : nil }
    public var currentStep: LessonStep? {
        guard let lesson, lesson.steps.indices.contains(step) else { return nil }
        return lesson.steps[step]
    }
    public var controls: [ControlSpec] { currentStep?.scene?.controls ?? [] }

    /// The exercises of the current step.
    public var stepExercises: [Exercise] {
        guard let lesson else { return [] }
        return exercises[lesson.id]?[step] ?? []
    }

    /// The value a control has now: the learner's override, else the scene's default.
    public func value(of control: ControlSpec) -> Double { overrides[control.param] ?? control.defaultValue }

    /// Opens lesson `index` at `step`.
    public mutating func open(lesson index: Int, step: Int = 0) {
        guard lessons.indices.contains(index) else { return }
        selectedLesson = index
        screen = .lesson
        // The introduction is not a step: step 1 counts as seen when it shows.
        let introduction = step == 0 && hasIntroduction
        go(to: step, seen: !introduction)
        showingIntroduction = introduction
    }

    /// Leaves the introduction for step 1 (or the step already open), which now counts as seen.
    public mutating func leaveIntroduction() {
        showingIntroduction = false
        markStepSeen()
    }

    /// Records the current step as seen, queueing it for the progress file when it is new.
    mutating func markStepSeen() {
        guard let lesson, lesson.steps.indices.contains(step) else { return }
        if seenSteps[lesson.id, default: []].insert(step).inserted {
            pendingSeenSteps.append(SeenStep(lesson: lesson.id, step: step))
        }
    }

    /// Steps of lesson `lesson` seen, counting only steps the lesson has (a lesson file may have
    /// lost steps since they were seen).
    public func seenCount(of lesson: Lesson) -> Int {
        seenSteps[lesson.id]?.filter { lesson.steps.indices.contains($0) }.count ?? 0
    }

    /// Whether the open lesson has prose before its first step.
    public var hasIntroduction: Bool {
        !(lesson?.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
    }

    /// Moves to `step` (clamped), resetting the step's live state, and computes its scene.
    public mutating func go(to newStep: Int) { go(to: newStep, seen: true) }

    private mutating func go(to newStep: Int, seen: Bool) {
        guard let lesson else { return }
        step = min(max(0, newStep), max(0, lesson.steps.count - 1))
        showingIntroduction = false
        overrides = [:]
        controlIndex = 0
        focusedView = 0
        cursor = MatrixIndex(row: 0, column: 0)
        pipelineStage = 0
        proseScroll = 0
        exercisePanel = nil
        modelStep.leaveStep()
        changeFromControl = false
        if seen { markStepSeen() }
        recompute()
    }

    /// Evaluates the current step's scene through the kernel with the learner's overrides.
    public mutating func recompute() {
        if computed != nil {
            previousComputed = computed
            changeGeneration += 1
        }
        computed = nil
        sceneFailure = nil
        modelStep.missingModel = nil
        guard let lesson, let stepScene = currentStep?.scene else { return }
        let scene = modelStep.sentence.map { stepScene.reading($0) } ?? stepScene
        do {
            computed = try evaluate(scene, overrides: overrides)
        } catch let e as SceneError {
            modelStep.missingModel = e.missingModel.flatMap(SceneModel.init(rawValue:))
            sceneFailure = .scene(e.diagnostic(file: lesson.file))
        } catch {
            sceneFailure = .other(file: lesson.file, error: "\(error)")
        }
    }
}
