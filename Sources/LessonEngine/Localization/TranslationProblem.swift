/// What a translation file (`NN-id.<code>.md`) lacks or has too much of, as a value; its words
/// are in the `TranslationText` catalog. `language` is the translation's code (`ru`).
public enum TranslationProblem: Localizable, Hashable {
    /// Which part of an exercise: its question, hint n (from 1) or solution.
    public enum Part: Hashable, Sendable {
        case question, hint(Int), solution
    }

    case langDoesNotMatchFileName(written: String, fileLanguage: String)
    case langNotACode(got: String)
    case labelsBlockInLesson
    case sceneInTranslation
    case exerciseNeedsID
    case exerciseTranslatedTwice(id: String)
    case noTitle(language: String)
    case noSummary(language: String)
    case noIntroduction(language: String)
    case stepMissing(number: Int, title: String, lessonLine: Int, language: String, lessonSteps: Int, translationSteps: Int)
    case extraStep(title: String, lessonSteps: Int)
    case noProse(step: Int, title: String, language: String, lessonLine: Int)
    case noNotes(step: Int, title: String, language: String)
    case notesWithoutSource(step: Int, title: String)
    case labelMissing(step: Int, title: String, language: String, label: String)
    case labelUnknown(label: String, step: Int, suggestion: String?)
    case exerciseMissing(id: String, step: Int, title: String, language: String)
    case questionMissing(id: String, language: String)
    case hintMissing(hint: Int, id: String, language: String)
    case tooManyHints(id: String, language: String, translated: Int, lesson: Int)
    case solutionMissing(id: String, language: String)
    case solutionWithoutSource(id: String, language: String)
    case templatesDiffer(Part, id: String, language: String, dropped: [String], added: [String])
    case noSuchExercise(id: String, step: Int, suggestion: String?)

    public func text(_ language: Language) -> String {
        func t(_ key: TranslationText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        func step(_ n: Int, _ title: String) -> String { t(.stepName, ["number": "\(n)", "title": title]) }
        switch self {
        case let .langDoesNotMatchFileName(written, code): return t(.langDoesNotMatchFileName, ["written": written, "code": code])
        case .langNotACode(let got): return t(.langNotACode, ["got": MessageText.quoted(got)])
        case .labelsBlockInLesson: return t(.labelsBlockInLesson)
        case .sceneInTranslation: return t(.sceneInTranslation)
        case .exerciseNeedsID: return t(.exerciseNeedsID)
        case .exerciseTranslatedTwice(let id): return t(.exerciseTranslatedTwice, ["id": id])
        case .noTitle(let code): return t(.noTitle, ["code": code])
        case .noSummary(let code): return t(.noSummary, ["code": code])
        case .noIntroduction(let code): return t(.noIntroduction, ["code": code])
        case let .stepMissing(n, title, line, code, lessonSteps, translationSteps):
            return t(.stepMissing, ["number": "\(n)", "title": title, "line": "\(line)", "code": code,
                                    "lessonSteps": "\(lessonSteps)", "translationSteps": "\(translationSteps)"])
        case let .extraStep(title, lessonSteps): return t(.extraStep, ["title": title, "lessonSteps": "\(lessonSteps)"])
        case let .noProse(n, title, code, line): return t(.noProse, ["step": step(n, title), "code": code, "line": "\(line)"])
        case let .noNotes(n, title, code): return t(.noNotes, ["step": step(n, title), "code": code])
        case let .notesWithoutSource(n, title): return t(.notesWithoutSource, ["step": step(n, title)])
        case let .labelMissing(n, title, code, label): return t(.labelMissing, ["step": step(n, title), "code": code, "label": label])
        case let .labelUnknown(label, n, suggestion):
            return t(.labelUnknown, ["label": label, "number": "\(n)"]) + suggestionText(suggestion, language)
        case let .exerciseMissing(id, n, title, code): return t(.exerciseMissing, ["id": id, "step": step(n, title), "code": code])
        case let .questionMissing(id, code): return t(.questionMissing, ["id": id, "code": code])
        case let .hintMissing(hint, id, code): return t(.hintMissing, ["hint": "\(hint)", "id": id, "code": code])
        case let .tooManyHints(id, code, translated, lesson):
            return t(.tooManyHints, ["id": id, "code": code, "translated": "\(translated)", "lesson": "\(lesson)"])
        case let .solutionMissing(id, code): return t(.solutionMissing, ["id": id, "code": code])
        case let .solutionWithoutSource(id, code): return t(.solutionWithoutSource, ["id": id, "code": code])
        case let .templatesDiffer(part, id, code, dropped, added):
            let partText: String
            switch part {
            case .question: partText = t(.partQuestion)
            case .hint(let n): partText = t(.partHint, ["number": "\(n)"])
            case .solution: partText = t(.partSolution)
            }
            let changes = [dropped.isEmpty ? nil : t(.drops, ["names": dropped.joined(separator: ", ")]),
                           added.isEmpty ? nil : t(.adds, ["names": added.joined(separator: ", ")])].compactMap { $0 }
            return t(.templatesDiffer, ["part": partText, "id": id, "code": code, "changes": changes.joined(separator: t(.and))])
        case let .noSuchExercise(id, n, suggestion):
            return t(.noSuchExercise, ["id": id, "number": "\(n)"]) + suggestionText(suggestion, language)
        }
    }
}

/// The words of `TranslationProblem`, in every language.
public enum TranslationText: String, Catalog {
    case stepName, langDoesNotMatchFileName, langNotACode, labelsBlockInLesson, sceneInTranslation
    case exerciseNeedsID, exerciseTranslatedTwice, noTitle, noSummary, noIntroduction, stepMissing, extraStep
    case noProse, noNotes, notesWithoutSource, labelMissing, labelUnknown, exerciseMissing, questionMissing
    case hintMissing, tooManyHints, solutionMissing, solutionWithoutSource, templatesDiffer, noSuchExercise
    case partQuestion, partHint, partSolution, drops, adds, and

    public static func entries(_ language: Language) -> [TranslationText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }

    static let english: [TranslationText: String] = [
        .stepName: "step {number} '{title}'",
        .langDoesNotMatchFileName: "'lang: {written}' does not match the file name, which says '{code}'",
        .langNotACode: "'lang' is a two-letter language code such as en or ru, got {got}",
        .labelsBlockInLesson: "a 'labels' block belongs in a translation file (NN-id.<code>.md); in the lesson itself, write labels in the scene",
        .sceneInTranslation: "a translation has no scenes: scenes are shared by every language, so this one belongs in the source lesson",
        .exerciseNeedsID: "an exercise translation needs 'id:', the id of the exercise it translates",
        .exerciseTranslatedTwice: "exercise '{id}' is translated twice in this step",
        .noTitle: "the front matter has no 'title:' in '{code}'",
        .noSummary: "the front matter has no 'summary:' in '{code}'",
        .noIntroduction: "the introduction has no '{code}' translation: write it between the front matter and the first '## '",
        .stepMissing: "step {number} '{title}' (line {line} of the lesson) has no '{code}' translation: the lesson has {lessonSteps} steps, the translation {translationSteps}",
        .extraStep: "step '{title}' translates nothing: the lesson has only {lessonSteps} steps, matched to the translation's '## ' headings in order",
        .noProse: "{step} has no '{code}' prose; the lesson's step has some (line {line})",
        .noNotes: "{step} has no '{code}' translation of its notes",
        .notesWithoutSource: "{step} has notes, but the lesson's step has none to translate",
        .labelMissing: "{step} has no '{code}' translation of the label '{label}': add it to the step's labels block",
        .labelUnknown: "the label '{label}' is not a control label or view title of the lesson's step {number}",
        .exerciseMissing: "exercise '{id}' of {step} has no '{code}' translation",
        .questionMissing: "exercise '{id}' has no '{code}' question",
        .hintMissing: "hint {hint} of exercise '{id}' has no '{code}' translation",
        .tooManyHints: "exercise '{id}' has {translated} hints in '{code}' but {lesson} in the lesson",
        .solutionMissing: "the solution of exercise '{id}' has no '{code}' translation",
        .solutionWithoutSource: "exercise '{id}' has a solution in '{code}' but none in the lesson",
        .templatesDiffer: "{part} of exercise '{id}' in '{code}' {changes}; templates must be the lesson's",
        .noSuchExercise: "no exercise '{id}' in the lesson's step {number}",
        .partQuestion: "the question",
        .partHint: "hint {number}",
        .partSolution: "the solution",
        .drops: "drops {names}",
        .adds: "adds {names}",
        .and: " and ",
    ]

    static let russian: [TranslationText: String] = [
        .stepName: "шаг {number} «{title}»",
        .langDoesNotMatchFileName: "'lang: {written}' не совпадает с именем файла, в котором указан язык '{code}'",
        .langNotACode: "'lang' — это двухбуквенный код языка, например en или ru, а не {got}",
        .labelsBlockInLesson: "блок 'labels' бывает только в файле перевода (NN-id.<код>.md); в самом уроке подписи пишутся в сцене",
        .sceneInTranslation: "в переводе нет сцен: сцены общие для всех языков, поэтому эта должна быть в исходном уроке",
        .exerciseNeedsID: "переводу упражнения нужен 'id:' — идентификатор упражнения, которое он переводит",
        .exerciseTranslatedTwice: "упражнение '{id}' переведено в этом шаге дважды",
        .noTitle: "в шапке нет 'title:' на языке '{code}'",
        .noSummary: "в шапке нет 'summary:' на языке '{code}'",
        .noIntroduction: "у введения нет перевода на '{code}': напишите его между шапкой и первым '## '",
        .stepMissing: "у шага {number} «{title}» (строка {line} урока) нет перевода на '{code}': в уроке шагов {lessonSteps}, в переводе {translationSteps}",
        .extraStep: "шаг «{title}» ничего не переводит: в уроке всего шагов {lessonSteps}, и они сопоставляются заголовкам '## ' перевода по порядку",
        .noProse: "{step}: нет текста на '{code}', хотя в шаге урока он есть (строка {line})",
        .noNotes: "{step}: нет перевода заметок на '{code}'",
        .notesWithoutSource: "{step}: есть заметки, но в шаге урока переводить нечего",
        .labelMissing: "{step}: нет перевода подписи '{label}' на '{code}': добавьте её в блок labels шага",
        .labelUnknown: "'{label}' — не подпись управляющего элемента и не заголовок представления в шаге {number} урока",
        .exerciseMissing: "у упражнения '{id}' ({step}) нет перевода на '{code}'",
        .questionMissing: "у упражнения '{id}' нет вопроса на '{code}'",
        .hintMissing: "у подсказки {hint} упражнения '{id}' нет перевода на '{code}'",
        .tooManyHints: "у упражнения '{id}' подсказок на '{code}': {translated}, а в уроке: {lesson}",
        .solutionMissing: "у решения упражнения '{id}' нет перевода на '{code}'",
        .solutionWithoutSource: "у упражнения '{id}' есть решение на '{code}', но в уроке его нет",
        .templatesDiffer: "{part} упражнения '{id}' на '{code}' {changes}; шаблоны должны быть те же, что в уроке",
        .noSuchExercise: "в шаге {number} урока нет упражнения '{id}'",
        .partQuestion: "вопрос",
        .partHint: "подсказка {number}",
        .partSolution: "решение",
        .drops: "теряет {names}",
        .adds: "добавляет {names}",
        .and: " и ",
    ]
}
