/// Why an answer expression does not read or does not evaluate. Carried by `ExpressionError`.
public indirect enum ExpressionProblem: Localizable, Hashable {
    // Reading
    case unexpectedAfter(String)
    case literalAnswer
    case tooLong(limit: Int)
    case notANumber(String)
    case dollarNeedsName
    case unexpectedCharacter(String)
    /// `found` nil means the end of the expression.
    case expected(String, found: String?)
    case nestedTooDeeply
    case endsTooEarly
    case needsValueBefore(String)
    case unknownFunction(String, suggestion: String?)
    case unexpected(String)

    // Evaluating
    case arity(function: String, low: Int, high: Int, got: Int)
    case headNeedsName
    case tokenIndexOutside(index: Int, last: Int)
    case needsMatrix(function: String, got: ExerciseValue)
    case rowOutside(column: Bool, index: Int, last: Int)
    case softmaxNeedsVector(got: ExerciseValue)
    case softmaxEmpty
    case twoNumbers(function: String)
    case ofNothing(function: String)
    case kindMismatch(got: ExerciseValue, kind: ExerciseKind)
    case notTypeable(Double)
    case noSuchTensor(String, perHead: Bool, suggestion: String?)
    case unknownParameter(String, suggestion: String?)
    case mustBeWhole(Whole, got: ExerciseValue)
    case expectedYesNo(got: ExerciseValue)
    case tokenNotNumber
    case tooManyIndices(count: Int, into: ExerciseValue)
    case indexOutside(index: Int, last: Int)
    case cannotCombine(ExerciseValue, ExerciseValue, op: String)
    /// The scene failed at the exercise's pins (`with dk = 2: …`, none when it has no pins).
    case scene(SceneProblem, pins: String?)
    /// A sentence from outside the catalog, the same in every language.
    case verbatim(String)

    /// What must be a whole number.
    public enum Whole: Sendable, Hashable {
        case head, tokenIndex, row, column, index
    }

    public func text(_ language: Language) -> String {
        func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        func type(_ v: ExerciseValue) -> String { v.typeName(language) }
        switch self {
        case .unexpectedAfter(let s): return t(.exprUnexpectedAfter, ["text": s])
        case .literalAnswer: return t(.exprLiteralAnswer)
        case .tooLong(let limit): return t(.exprTooLong, ["limit": "\(limit)"])
        case .notANumber(let s): return t(.exprNotANumber, ["text": s])
        case .dollarNeedsName: return t(.exprDollarNeedsName)
        case .unexpectedCharacter(let c): return t(.exprUnexpectedCharacter, ["text": c])
        case let .expected(symbol, found): return t(.exprExpected, ["symbol": symbol, "found": found.map { "'\($0)'" } ?? t(.exprTheEnd)])
        case .nestedTooDeeply: return t(.exprNestedTooDeeply)
        case .endsTooEarly: return t(.exprEndsTooEarly)
        case .needsValueBefore(let s): return t(.exprNeedsValueBefore, ["text": s])
        case let .unknownFunction(f, suggestion): return t(.exprUnknownFunction, ["name": f]) + suggestionText(suggestion, language)
        case .unexpected(let s): return t(.exprUnexpected, ["text": s])
        case let .arity(f, low, high, got):
            let count = low == high ? "\(low)" : "\(low) " + t(.or) + " \(high)"
            let noun = language == .ru ? russianPlural(high, "аргумент", "аргумента", "аргументов") : high == 1 ? "argument" : "arguments"
            return t(.exprArity, ["function": f, "count": count, "arguments": noun, "got": "\(got)"])
        case .headNeedsName: return t(.exprHeadNeedsName)
        case let .tokenIndexOutside(index, last): return t(.exprTokenIndexOutside, ["index": "\(index)", "last": "\(last)"])
        case let .needsMatrix(f, got): return t(.exprNeedsMatrix, ["function": f, "got": type(got)])
        case let .rowOutside(column, index, last): return t(column ? .exprColumnOutside : .exprRowOutside, ["index": "\(index)", "last": "\(last)"])
        case .softmaxNeedsVector(let got): return t(.exprSoftmaxNeedsVector, ["got": type(got)])
        case .softmaxEmpty: return t(.exprSoftmaxEmpty)
        case .twoNumbers(let f): return t(.exprTwoNumbers, ["function": f])
        case .ofNothing(let f): return t(.exprOfNothing, ["function": f])
        case let .kindMismatch(got, kind):
            return t(.exprKindMismatch, ["got": type(got), "kind": kind.rawValue]) + (kind == .token ? t(.exprTokenHint) : "")
        case .notTypeable(let x): return t(.exprNotTypeable, ["value": language.numbers.short(x)])
        case let .noSuchTensor(name, perHead, suggestion):
            return t(.exprNoSuchTensor, ["name": name]) + (perHead ? t(.exprPerHeadHint, ["name": name]) : suggestionText(suggestion, language))
        case let .unknownParameter(name, suggestion): return t(.exprUnknownParameter, ["name": name]) + suggestionText(suggestion, language)
        case let .mustBeWhole(what, got):
            let key: EngineText
            switch what {
            case .head: key = .exprWholeHead
            case .tokenIndex: key = .exprWholeTokenIndex
            case .row: key = .exprWholeRow
            case .column: key = .exprWholeColumn
            case .index: key = .exprWholeIndex
            }
            return t(key, ["type": type(got), "value": got.text(language)])
        case .expectedYesNo(let got): return t(.exprExpectedYesNo, ["got": type(got)])
        case .tokenNotNumber: return t(.exprTokenNotNumber)
        case let .tooManyIndices(count, into): return t(.exprTooManyIndices, ["count": "\(count)", "type": type(into)])
        case let .indexOutside(index, last): return t(.exprIndexOutside, ["index": "\(index)", "last": "\(last)"])
        case let .cannotCombine(a, b, op): return t(.exprCannotCombine, ["a": type(a), "b": type(b), "op": op])
        case let .scene(problem, pins):
            return pins.map { t(.exprWithPins, ["pins": $0, "problem": problem.text(language)]) } ?? problem.text(language)
        case .verbatim(let s): return s
        }
    }
}

extension ExerciseValue {
    /// The value as answers and worked solutions write it, numbers in `language`'s notation:
    /// `0.25`, `[0.25, 0.75]`; in Russian `0,25`, `[0,25; 0,75]`, `да`/`нет`.
    public func text(_ language: Language) -> String {
        let n = language.numbers
        switch self {
        case .array(let s, let v):
            if s.isEmpty { return n.short(v[0]) }
            if s.count == 1 { return n.vector(v) }
            return "[" + stride(from: 0, to: v.count, by: s[1]).map { i in n.vector(Array(v[i..<i + s[1]])) }.joined(separator: n.listSeparator) + "]"
        case .bool(let b): return (b ? EngineText.yes : .no).text(language)
        case .token(_, let t): return t
        }
    }

    /// What kind of value this is, in words for messages: `a number`, `a vector of 3`.
    public func typeName(_ language: Language) -> String {
        switch self {
        case .array(let s, _):
            if s.isEmpty { return EngineText.typeNumber.text(language) }
            if s.count == 1 { return EngineText.typeVector.text(language, ["count": "\(s[0])"]) }
            return EngineText.typeMatrix.text(language, ["rows": "\(s[0])", "columns": "\(s.count > 1 ? s[1] : 0)"])
        case .bool: return EngineText.typeYesNo.text(language)
        case .token: return EngineText.typeToken.text(language)
        }
    }
}
