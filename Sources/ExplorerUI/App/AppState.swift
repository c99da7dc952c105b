import Foundation
import LessonEngine

/// Everything the explorer shows, as a value: the run loop is the only impure code.
public struct AppState: Sendable {
    public enum Screen: Sendable, Equatable { case lessonList, lesson }

    public let lessons: [Lesson]
    /// Exercises by lesson id and step index, decoded once: the list and the panel read them every frame.
    public let exercises: [String: [Int: [Exercise]]]
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
    /// The furthest step reached per lesson id, shown in the list.
    public var furthestStep: [String: Int] = [:]
    /// The current step's scene, computed by the kernel (nil when the step has no scene).
    public private(set) var computed: ComputedScene?
    /// The scene shown before the last step move or control change: cells whose values differ
    /// from it are marked as changed, so the eye finds what the step is about.
    public private(set) var previousComputed: ComputedScene?
    /// Whether the last change was a control (everything may change) or a step move (a new
    /// picture: only a partial change is worth marking).
    public var changeFromControl = false
    /// Show the focused view alone, on the whole screen (`z`; for the projector).
    public var soloView = false
    /// Why the current scene could not be computed, in a sentence with its file and line.
    public private(set) var sceneError: String?
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

    public init(lessons: [Lesson], presenter: Bool = false, theme: Theme = .dark, depth: ColorDepth = .direct) {
        self.lessons = lessons
        exercises = Dictionary(lessons.map { lesson in
            (lesson.id, Dictionary(lessonExercises(lesson).steps.map { ($0.stepIndex, $0.exercises) }, uniquingKeysWith: +))
        }, uniquingKeysWith: { first, _ in first })
        self.presenter = presenter
        self.theme = theme
        self.depth = depth
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
        go(to: step)
        showingIntroduction = step == 0 && hasIntroduction
    }

    /// Whether the open lesson has prose before its first step.
    public var hasIntroduction: Bool {
        !(lesson?.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true)
    }

    /// Moves to `step` (clamped), resetting the step's live state, and computes its scene.
    public mutating func go(to newStep: Int) {
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
        furthestStep[lesson.id] = max(furthestStep[lesson.id] ?? 0, step)
        recompute()
    }

    /// Evaluates the current step's scene through the kernel with the learner's overrides.
    public mutating func recompute() {
        if computed != nil { previousComputed = computed }
        computed = nil
        sceneError = nil
        modelStep.missingModel = nil
        guard let lesson, let stepScene = currentStep?.scene else { return }
        let scene = modelStep.sentence.map { stepScene.reading($0) } ?? stepScene
        do {
            computed = try evaluate(scene, overrides: overrides)
        } catch let e as SceneError {
            modelStep.missingModel = e.missingModel.flatMap(SceneModel.init(rawValue:))
            sceneError = e.diagnostic(file: lesson.file).description
        } catch {
            sceneError = "\(lesson.file): \(error)"
        }
    }
}
