/// A problem with an exercise: a field the decoder refuses, an answer that does not evaluate or
/// is unfair, a missing worked solution, or an answers file that names no exercise.
public indirect enum ExerciseProblem: Localizable, Hashable {
    // Decoding
    case needsField(String)
    case idNotOneWord(String)
    case idUsedTwice(String)
    case unknownKind(String, suggestion: String?)
    case answerInvalid(answer: String, problem: ExpressionProblem)
    case toleranceNegative(Double)
    case relativeOutOfRange(Double)
    case feedbackInvalid(String)
    case needsScene

    // Validation
    /// `exercise 'id': …`.
    case inExercise(id: String, problem: ExerciseProblem)
    /// A `set:` pin the scene refuses.
    case inSet(EngineCause)
    case answerFails(answer: String, id: String, cause: EngineCause)
    case answerChanges(setting: String, expected: ExerciseValue, got: ExerciseValue, parameter: String)
    case answerCannotBeComputed(setting: String, cause: EngineCause, parameter: String)
    case nearTie(function: String, argument: String, first: Double, second: Double)
    case tooCloseToMistake(Mistake, value: Double, answer: Double)
    case noWorkedSolution
    case solutionPlaceholder(source: String, cause: EngineCause)

    // Grading files
    case answersTooLarge(limit: Int)
    case answersEmpty
    case noSuchExercise(String, suggestion: String?)

    /// A plausible wrong answer to a number exercise (`plausibleMistakes`).
    public enum Mistake: Sendable, Hashable {
        case zero, oneMore, oneLess, transposedCell, neighbouringQuery, unscaledWeight

        func text(_ language: Language) -> String {
            switch self {
            case .zero: return "0"
            case .oneMore: return EngineText.mistakeOneMore.text(language)
            case .oneLess: return EngineText.mistakeOneLess.text(language)
            case .transposedCell: return EngineText.mistakeTransposed.text(language)
            case .neighbouringQuery: return EngineText.mistakeNeighbour.text(language)
            case .unscaledWeight: return EngineText.mistakeUnscaled.text(language)
            }
        }
    }

    public func text(_ language: Language) -> String {
        func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        func short(_ x: Double) -> String { language.numbers.short(x) }
        switch self {
        case .needsField(let field): return t(.exerciseNeedsField, ["field": field])
        case .idNotOneWord(let id): return t(.idNotOneWord, ["id": id])
        case .idUsedTwice(let id): return t(.idUsedTwice, ["id": id])
        case let .unknownKind(kind, suggestion): return t(.unknownKind, ["kind": kind, "suggestion": suggestionText(suggestion, language)])
        case let .answerInvalid(answer, problem): return t(.answerInvalid, ["answer": answer, "problem": problem.text(language)])
        case .toleranceNegative(let x): return t(.toleranceNegative, ["value": rawNumber(x, language)])
        case .relativeOutOfRange(let x): return t(.relativeOutOfRange, ["value": messageNumber(x, language)])
        case .feedbackInvalid(let text): return t(.feedbackInvalid, ["value": text])
        case .needsScene: return t(.exercisesNeedScene)
        case let .inExercise(id, problem): return t(.inExercise, ["id": id, "problem": problem.text(language)])
        case .inSet(let cause): return t(.inSet, ["problem": cause.text(language)])
        case let .answerFails(answer, id, cause): return t(.answerFails, ["answer": answer, "id": id, "problem": cause.text(language)])
        case let .answerChanges(setting, expected, got, parameter):
            return t(.answerChanges, ["setting": setting, "expected": expected.text(language), "got": got.text(language), "pin": "{\(parameter): …}"])
        case let .answerCannotBeComputed(setting, cause, parameter):
            return t(.answerCannotBeComputed, ["setting": setting, "problem": cause.text(language), "pin": "{\(parameter): …}"])
        case let .nearTie(function, argument, first, second):
            return t(.nearTie, ["function": function, "argument": argument, "first": short(first), "second": short(second)])
        case let .tooCloseToMistake(mistake, value, answer):
            return t(.tooCloseToMistake, ["mistake": mistake.text(language), "value": short(value), "answer": short(answer)])
        case .noWorkedSolution: return t(.noWorkedSolution)
        case let .solutionPlaceholder(source, cause): return t(.solutionPlaceholder, ["placeholder": "{\(source)}", "problem": cause.text(language)])
        case .answersTooLarge(let limit): return t(.answersTooLarge, ["limit": "\(limit)"])
        case .answersEmpty: return t(.answersEmpty)
        case let .noSuchExercise(id, suggestion): return t(.noSuchExercise, ["id": id]) + suggestionText(suggestion, language)
        }
    }
}

/// Why something the engine tried failed: a scene error, an expression error, or another error in
/// its own words.
public enum EngineCause: Localizable, Hashable {
    /// A scene error, with its `line:column` when the message showed it.
    case scene(SceneProblem, at: SourceLocation?)
    case expression(ExpressionProblem)
    case other(String)

    /// The cause of `error`, keeping the engine's own errors as values.
    init(_ error: any Error) {
        switch error {
        case let e as SceneError: self = .scene(e.problem, at: e.location)
        case let e as ExpressionError: self = .expression(e.problem)
        default: self = .other("\(error)")
        }
    }

    public func text(_ language: Language) -> String {
        switch self {
        case let .scene(p, location): return (location.map { "\($0): " } ?? "") + p.text(language)
        case .expression(let p): return p.text(language)
        case .other(let s): return s
        }
    }
}
