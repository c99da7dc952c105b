/// A problem with a lesson file's bytes, its structure (front matter, steps, fences) or its YAML,
/// or a value in it of the wrong type.
public enum FormatProblem: Localizable, Hashable {
    // The file
    case fileTooLarge(bytes: Int, limit: Int)
    case inputTooLarge(limit: Int)
    case notUTF8
    case controlCharacter
    case noSuchFile
    /// The operating system's reason, in its words.
    case cannotRead(reason: String)
    case isFolder
    case isDevice
    case fileEmpty
    case noSteps
    case noFrontMatter
    case frontMatterUnclosed
    case frontMatterEmpty
    case noTitle
    case duplicateBlock(step: String, kind: String)
    case blockOutsideStep(kind: String)
    case headingWithoutTitle
    /// A special block whose closing fence is missing before another block or step begins.
    case blockNotClosedBefore(kind: String, marker: String, line: Int)
    /// A block (special when `kind` is set, else a prose code block) open at the end of the file.
    case blockNeverClosed(kind: String?, marker: String)
    case sceneBlockEmpty
    case sceneTooLarge(bytes: Int, limit: Int)
    case sceneEmpty
    case stepNeedsLesson
    /// A formula in prose nested deeper than the renderer draws.
    case formulaTooDeep(excerpt: String, limit: Int)

    // YAML
    case yamlTooDeep(limit: Int)
    /// Yams's own words, with its context and, for a `: ` inside a value, advice to quote.
    case yamlInvalid(problem: String, context: String?, adviseQuoting: Bool)
    case yamlUnreadable(detail: String)
    case yamlTabs
    case yamlDuplicateKeys([String])

    // Values of the wrong type
    case mustBeMapping(Subject, got: NodeKind)
    case keysMustBeNames(Subject)
    case unknownField(String, in: Subject, suggestion: String?)
    case mustBeList(Subject, got: NodeKind)
    case tooManyItems(Subject, count: Int, limit: Int)
    case mustBeSingleValue(Subject, got: NodeKind)
    case mustBeNumber(Subject, got: String)
    case mustBeWholeNumber(Subject, got: Double)
    case mustBeBool(Subject, got: String)
    case dollarNeedsName(Subject)
    case mustBeNumberOrParameter(Subject, got: String)

    public func text(_ language: Language) -> String {
        func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        func what(_ s: Subject) -> String { s.text(language) }
        switch self {
        case let .fileTooLarge(bytes, limit): return t(.fileTooLarge, ["bytes": "\(bytes)", "limit": "\(limit)"])
        case .inputTooLarge(let limit): return t(.inputTooLarge, ["limit": "\(limit)"])
        case .notUTF8: return t(.notUTF8)
        case .controlCharacter: return t(.controlCharacter)
        case .noSuchFile: return t(.cannotRead, ["reason": t(.noSuchFile)])
        case .cannotRead(let reason): return t(.cannotRead, ["reason": reason])
        case .isFolder: return t(.isFolder)
        case .isDevice: return t(.isDevice)
        case .fileEmpty: return t(.fileEmpty)
        case .noSteps: return t(.noSteps)
        case .noFrontMatter: return t(.noFrontMatter)
        case .frontMatterUnclosed: return t(.frontMatterUnclosed)
        case .frontMatterEmpty: return t(.frontMatterEmpty)
        case .noTitle: return t(.noTitle)
        case let .duplicateBlock(step, kind): return t(.duplicateBlock, ["step": step, "kind": kind])
        case .blockOutsideStep(let kind): return t(.blockOutsideStep, ["kind": kind])
        case .headingWithoutTitle: return t(.headingWithoutTitle)
        case let .blockNotClosedBefore(kind, marker, line):
            return t(.blockNotClosedBefore, ["kind": kind, "marker": marker, "line": "\(line)"])
        case let .blockNeverClosed(kind, marker):
            return kind.map { t(.blockNeverClosed, ["kind": $0, "marker": marker]) } ?? t(.codeBlockNeverClosed, ["marker": marker])
        case .sceneBlockEmpty: return t(.sceneBlockEmpty)
        case let .sceneTooLarge(bytes, limit): return t(.sceneTooLarge, ["bytes": "\(bytes)", "limit": "\(limit)"])
        case .sceneEmpty: return t(.sceneEmpty)
        case .stepNeedsLesson: return t(.stepNeedsLesson)
        case let .formulaTooDeep(excerpt, limit): return t(.formulaTooDeep, ["formula": excerpt, "limit": "\(limit)"])
        case .yamlTooDeep(let limit): return t(.yamlTooDeep, ["limit": "\(limit)"])
        case let .yamlInvalid(problem, context, advise):
            return t(.yamlInvalid, ["problem": problem + (context.map { " (\($0))" } ?? "")]) + (advise ? t(.yamlQuoteAdvice) : "")
        case .yamlUnreadable(let detail): return t(.yamlUnreadable, ["detail": detail])
        case .yamlTabs: return t(.yamlTabs)
        case .yamlDuplicateKeys(let keys): return t(.yamlDuplicateKeys, ["keys": listOfNames(keys, language)])
        case let .mustBeMapping(s, got): return t(.mustBeMapping, ["what": what(s), "got": got.text(language)])
        case .keysMustBeNames(let s): return t(.keysMustBeNames, ["what": what(s)])
        case let .unknownField(field, s, suggestion):
            return t(.unknownField, ["field": MessageText.quoted(field), "in": what(s)])
                + suggestionText(suggestion, language)
        case let .mustBeList(s, got): return t(.mustBeList, ["what": what(s), "got": got.text(language)])
        case let .tooManyItems(s, count, limit): return t(.tooManyItems, ["what": what(s), "count": "\(count)", "limit": "\(limit)"])
        case let .mustBeSingleValue(s, got): return t(.mustBeSingleValue, ["what": what(s), "got": got.text(language)])
        case let .mustBeNumber(s, got): return t(.mustBeNumber, ["what": what(s), "got": MessageText.quoted(got)])
        case let .mustBeWholeNumber(s, got): return t(.mustBeWholeNumber, ["what": what(s), "got": rawNumber(got, language)])
        case let .mustBeBool(s, got): return t(.mustBeBool, ["what": what(s), "got": MessageText.quoted(got)])
        case .dollarNeedsName(let s): return t(.dollarNeedsName, ["what": what(s)])
        case let .mustBeNumberOrParameter(s, got): return t(.mustBeNumberOrParameter, ["what": what(s), "got": MessageText.quoted(got)])
        }
    }
}
