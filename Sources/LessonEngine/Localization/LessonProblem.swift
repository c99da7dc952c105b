/// What a lesson diagnostic says, as a value: one case per concern, rendered in a language by
/// `text(_:)` through the `EngineText` catalog.
public enum LessonProblem: Localizable, Hashable {
    /// The file, its front matter, its fences and its YAML.
    case format(FormatProblem)
    /// A scene: its fields, tensors, views, controls and evaluation.
    case scene(SceneProblem)
    /// An exercise: its fields, its answer, its fairness, a grading file.
    case exercise(ExerciseProblem)
    /// A translation file: what it lacks, or translates that is not there.
    case translation(TranslationProblem)
    /// A sentence from outside the engine's catalog (the operating system, a test), the same in
    /// every language.
    case verbatim(String)

    public func text(_ language: Language) -> String {
        switch self {
        case .format(let p): return p.text(language)
        case .scene(let p): return p.text(language)
        case .exercise(let p): return p.text(language)
        case .translation(let p): return p.text(language)
        case .verbatim(let s): return s
        }
    }
}

/// What a message is about: `the scene`, `'tensors'`, `each row of tensor 'Q'`.
///
/// English writes one form; Russian declines, so each subject has a nominative form (at the start
/// of a message, `сцена: …`) and a genitive one (after another noun, `каждая строка тензора 'Q'`).
public indirect enum Subject: Sendable, Hashable {
    /// A key from the file, as written: `'tensors'`.
    case field(String)
    case scene, frontMatter, exercisesBlock, answersFile, stage, view, control, exercise
    /// `input 'x'`.
    case input(String)
    /// `parameter 'dk'`.
    case parameter(String)
    /// `the answer to 'id'` in an answers file.
    case answerTo(String)
    /// `'key' in 'set'` of an exercise.
    case pin(String)
    /// `tensor 'Q'`.
    case tensor(String)
    /// `'shape' of tensor 'Q'`.
    case fieldOf(String, Subject)
    /// `each item of 'tokens'`.
    case eachItem(Subject)
    /// `each row of tensor 'Q'`.
    case eachRow(Subject)
    /// `each size in 'shape' of tensor 'Q'`.
    case eachSize(Subject)
    /// `a size of tensor 'Q'`.
    case sizeOf(Subject)
    /// `this value` (a view's query or head).
    case thisValue
    /// An English phrase from code not yet moved to a case above, the same in every language.
    case phrase(String)

    enum Form { case nominative, genitive }

    /// The subject as it starts a message.
    public func text(_ language: Language) -> String { text(language, .nominative) }

    func text(_ language: Language, _ form: Form) -> String {
        let genitive = form == .genitive
        func t(_ nominative: EngineText, _ genitiveKey: EngineText, _ arguments: [String: String] = [:]) -> String {
            (genitive ? genitiveKey : nominative).text(language, arguments)
        }
        switch self {
        case .field(let name): return "'\(name)'"
        case .scene: return t(.subjectScene, .subjectSceneGenitive)
        case .frontMatter: return t(.subjectFrontMatter, .subjectFrontMatterGenitive)
        case .exercisesBlock: return t(.subjectExercisesBlock, .subjectExercisesBlockGenitive)
        case .answersFile: return t(.subjectAnswersFile, .subjectAnswersFileGenitive)
        case .stage: return t(.subjectStage, .subjectStageGenitive)
        case .view: return t(.subjectView, .subjectViewGenitive)
        case .control: return t(.subjectControl, .subjectControlGenitive)
        case .exercise: return t(.subjectExercise, .subjectExerciseGenitive)
        case .input(let name): return t(.subjectInput, .subjectInputGenitive, ["name": name])
        case .parameter(let name): return t(.subjectParameter, .subjectParameterGenitive, ["name": name])
        case .answerTo(let id): return t(.subjectAnswerTo, .subjectAnswerToGenitive, ["id": id])
        case .pin(let name): return EngineText.subjectPin.text(language, ["name": name])
        case .tensor(let name): return t(.subjectTensor, .subjectTensorGenitive, ["name": name])
        case let .fieldOf(name, of):
            return EngineText.subjectFieldOf.text(language, ["name": name, "of": of.text(language, .genitive)])
        case .eachItem(let of): return t(.subjectEachItem, .subjectEachItemGenitive, ["of": of.text(language, .genitive)])
        case .eachRow(let of): return t(.subjectEachRow, .subjectEachRowGenitive, ["of": of.text(language, .genitive)])
        case .eachSize(let of): return t(.subjectEachSize, .subjectEachSizeGenitive, ["of": of.text(language, .genitive)])
        case .sizeOf(let of): return t(.subjectSizeOf, .subjectSizeOfGenitive, ["of": of.text(language, .genitive)])
        case .thisValue: return t(.subjectThisValue, .subjectThisValueGenitive)
        case .phrase(let text): return text
        }
    }
}

/// What a YAML node turned out to be, for "…, got a list".
public enum NodeKind: Sendable, Hashable {
    /// A single value, echoed quoted.
    case scalar(String)
    case mapping, list, alias

    func text(_ language: Language) -> String {
        switch self {
        case .scalar(let s): return MessageText.quoted(s)
        case .mapping: return EngineText.nodeMapping.text(language)
        case .list: return EngineText.nodeList.text(language)
        case .alias: return EngineText.nodeAlias.text(language)
        }
    }
}

// MARK: - Pieces every message shares

/// ` (did you mean 'x'?)` in `language`, or nothing.
func suggestionText(_ name: String?, _ language: Language) -> String {
    name.map { EngineText.didYouMean.text(language, ["name": $0]) } ?? ""
}

/// `'a', 'b' or 'c'` in `language`.
func listOfNames(_ names: [String], _ language: Language) -> String {
    let quoted = names.map { "'\($0)'" }
    guard quoted.count > 1 else { return quoted.first ?? "" }
    return quoted.dropLast().joined(separator: ", ") + " " + EngineText.or.text(language) + " " + quoted.last!
}

/// A number in a message: `0.5`, in Russian `0,5` (`NumberFormat.short`, six decimals).
func messageNumber(_ x: Double, _ language: Language) -> String {
    language.numbers.short(x, decimals: 6)
}

/// A Double as English messages have always written it (`2.5`, `1e+20`), in Russian through
/// `NumberFormat` so the decimal mark is a comma.
func rawNumber(_ x: Double, _ language: Language) -> String {
    language == .en ? "\(x)" : language.numbers.short(x, decimals: 6)
}

/// The Russian noun form for a count: 1 ключ, 2 ключа, 5 ключей.
func russianPlural(_ n: Int, _ one: String, _ few: String, _ many: String) -> String {
    let n10 = abs(n) % 10, n100 = abs(n) % 100
    if n10 == 1 && n100 != 11 { return one }
    if (2...4).contains(n10) && !(12...14).contains(n100) { return few }
    return many
}
