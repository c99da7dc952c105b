import LessonEngine

/// A change to a learner's saved progress, queued by `update` and written by the run loop.
public struct ProgressRecord: Sendable, Equatable {
    public var lesson: String
    public var exercise: String
    public var solved: Bool
    public var hintsUsed: Int
    /// A checked answer counts as a try; taking a hint does not.
    public var countsAsTry: Bool
}

/// The exercise panel of the current step: which exercise, what the learner typed, what the
/// check said, how many hints are showing.
public struct ExercisePanel: Sendable {
    public var exercises: [Exercise]
    public var index = 0
    /// The answer being typed, or nil when the input line is closed.
    public var input: String? { didSet { if input == nil || oldValue == nil { inputCursor = input?.count ?? 0 } } }
    /// Where typing goes in `input`, in characters from its start (←/→, Home/End move it).
    public var inputCursor = 0
    /// The first line of the panel shown, when its text (a worked solution) is taller than the panel.
    public var scroll = 0
    public var lastCheck: ExerciseCheck?
    public var hintsShown = 0
    public var tries = 0
    public var solved = false
    public var showSolution = false
    /// Presenter mode: the answer stays hidden until the instructor reveals it.
    public var revealed = false

    public init(exercises: [Exercise]) {
        self.exercises = exercises
    }

    public var current: Exercise? { exercises.indices.contains(index) ? exercises[index] : nil }

    /// The worked solution is offered after a right answer, or on request after three tries.
    public var solutionAvailable: Bool { solved || tries >= 3 }

    /// Moves to the next exercise of the step, with a fresh input, hints and tries.
    mutating func next() {
        guard !exercises.isEmpty else { return }
        let following = (index + 1) % exercises.count
        self = ExercisePanel(exercises: exercises)
        index = following
    }
}

extension AppState {
    /// The checking context: the step's scene as the learner sees it. Answers are graded at the
    /// exercise's pinned values (`ExerciseContext.resolved(for:)`), whatever the controls show.
    func exerciseContext() -> ExerciseContext? {
        guard let scene = currentStep?.scene, let computed else { return nil }
        return ExerciseContext(scene: scene, computed: computed)
    }

    /// The pinned values of the open exercise that the learner's controls do not show now, as
    /// `mask = none (yours: causal)`.
    public var pinDifferences: [String] {
        guard let exercise = exercisePanel?.current, let scene = currentStep?.scene else { return [] }
        return modelSentenceDifference + exercise.pins.sorted { $0.key < $1.key }.compactMap { name, pin in
            guard let control = controls.first(where: { $0.param == name }) else { return nil }
            let wanted = controlValue(of: pin, for: control)
            guard wanted != value(of: control) else { return nil }
            let yours = parameterValueText(name, in: scene, overrides: overrides, language) ?? "?"
            return ScreenText.pinDifference.text(language, ["control": control.label, "pin": pin.text(language), "yours": yours])
        }
    }

    /// Sets the controls to the open exercise's pinned values, so the screen shows what it asks about.
    mutating func applyPins() {
        guard let exercise = exercisePanel?.current else { return }
        modelStep.sentence = nil            // questions are asked about the lesson's sentence
        for (name, pin) in exercise.pins {
            guard let control = controls.first(where: { $0.param == name }), let v = controlValue(of: pin, for: control) else { continue }
            overrides[name] = v
        }
        recompute()
    }

    /// Checks the typed answer, counts the try, and queues the progress record.
    mutating func submitAnswer() {
        guard var panel = exercisePanel, let exercise = panel.current, let input = panel.input,
              let context = exerciseContext(), let lesson else { return }
        let check = checkAnswer(exercise, in: context, given: input)
        panel.lastCheck = check
        guard check.verdict != .unreadable else {
            // Nothing was answered: the line stays open to be fixed, and progress is untouched.
            exercisePanel = panel
            return
        }
        // A checked answer closes the line, so h (hint) and s (solution) work again.
        panel.tries += 1
        panel.input = nil
        if check.isCorrect {
            panel.solved = true
            panel.showSolution = true
        }
        exercisePanel = panel
        pendingProgress.append(ProgressRecord(lesson: lesson.id, exercise: exercise.id, solved: check.isCorrect, hintsUsed: panel.hintsShown, countsAsTry: true))
        if check.isCorrect { solved[lesson.id, default: []].insert(exercise.id) }
    }
}
