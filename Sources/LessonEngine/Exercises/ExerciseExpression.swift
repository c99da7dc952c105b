/// An answer expression, parsed by hand (recursive descent: no library covers this small language).
///
/// Grammar, loosest binding first:
///
///     expr    := or
///     or      := and ('or' and)*
///     and     := not ('and' not)*
///     not     := 'not' not | compare
///     compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
///     sum     := product (('+' | '-') product)*
///     product := unary (('*' | '/') unary)*
///     unary   := '-' unary | postfix
///     postfix := primary ('[' expr (',' expr)? ']')*
///     primary := NUMBER | '$' NAME | NAME | NAME '(' args ')' | '(' expr ')'
///
/// Names are computed tensors (`weights`, `scores`, `W_Q`); per-head tensors are
/// `head(weights, 1)` (the scene's `weights[1]`). Numbers are allowed inside expressions
/// (`weights[2,1] * 100`), never as a whole answer: the answer must come from the scene.
public indirect enum ExerciseExpression: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case name(String)
    case parameter(String)
    case index(ExerciseExpression, [ExerciseExpression])
    case call(String, [ExerciseExpression])
    case negate(ExerciseExpression)
    case not(ExerciseExpression)
    case binary(String, ExerciseExpression, ExerciseExpression)

    /// Parses `text`, refusing an answer that is only a literal.
    public init(parsing text: String) throws {
        var parser = ExpressionParser(tokens: try lexExpression(text))
        let e = try parser.parseExpression()
        if let extra = parser.peek {
            throw ExpressionError(.unexpectedAfter(extra.text), offset: extra.offset)
        }
        if !e.readsScene {
            throw ExpressionError(.literalAnswer, offset: 0)
        }
        self = e
    }

    /// Whether the expression reads anything from the scene.
    var readsScene: Bool {
        switch self {
        case .number: return false
        case .name, .parameter: return true
        case .index(let e, let i): return e.readsScene || i.contains { $0.readsScene }
        case .call(let f, let args): return f == "token" || f == "keyToken" || args.contains { $0.readsScene }
        case .negate(let e), .not(let e): return e.readsScene
        case .binary(_, let a, let b): return a.readsScene || b.readsScene
        }
    }

    public var description: String {
        switch self {
        case .number(let x): return messageNumber(x, .en)
        case .name(let n): return n
        case .parameter(let n): return "$" + n
        case .index(let e, let i): return "\(e)[\(i.map(\.description).joined(separator: ", "))]"
        case .call(let f, let a): return "\(f)(\(a.map(\.description).joined(separator: ", ")))"
        case .negate(let e): return "-\(e)"
        case .not(let e): return "not \(e)"
        case .binary(let op, let a, let b): return "(\(a) \(op) \(b))"
        }
    }
}

/// A parse or evaluation problem in an answer expression; `offset` is the character column in it.
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible, Localizable {
    /// What is wrong, as a value.
    public var problem: ExpressionProblem
    public var offset: Int?

    public init(_ problem: ExpressionProblem, offset: Int? = nil) {
        self.problem = problem
        self.offset = offset
    }

    /// An error with a fixed sentence, the same in every language.
    public init(_ message: String, offset: Int? = nil) {
        self.init(.verbatim(message), offset: offset)
    }

    /// The English sentence; setting it replaces the problem with that sentence.
    public var message: String {
        get { problem.text(.en) }
        set { problem = .verbatim(newValue) }
    }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String { problem.text(language) }

    public var description: String { message }
}

struct ExpressionToken: Equatable {
    enum Kind { case number, name, parameter, symbol }
    var kind: Kind
    var text: String
    var offset: Int
}

/// Splits an expression into numbers, names, `$parameters` and symbols.
func lexExpression(_ text: String) throws -> [ExpressionToken] {
    let chars = Array(text)
    guard chars.count <= 1000 else { throw ExpressionError(.tooLong(limit: 1000)) }
    var out: [ExpressionToken] = []
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if c.isWhitespace { i += 1; continue }
        let start = i
        if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
            while i < chars.count, chars[i].isNumber || chars[i] == "." { i += 1 }
            if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                var j = i + 1
                if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
                if j < chars.count, chars[j].isNumber {
                    i = j
                    while i < chars.count, chars[i].isNumber { i += 1 }
                }
            }
            let s = String(chars[start..<i])
            guard Double(s) != nil else { throw ExpressionError(.notANumber(s), offset: start) }
            out.append(ExpressionToken(kind: .number, text: s, offset: start))
        } else if c.isLetter || c == "_" || c == "$" {
            i += 1
            // A stage's result is `stage.name` (`ffn.output`): a dot followed by a letter continues the name.
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_"
                    || (c != "$" && chars[i] == "." && i + 1 < chars.count && chars[i + 1].isLetter) { i += 1 }
            let s = String(chars[start..<i])
            if c == "$" {
                guard s.count > 1 else { throw ExpressionError(.dollarNeedsName, offset: start) }
                out.append(ExpressionToken(kind: .parameter, text: String(s.dropFirst()), offset: start))
            } else {
                out.append(ExpressionToken(kind: .name, text: s, offset: start))
            }
        } else {
            let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
            if ["<=", ">=", "==", "!="].contains(two) {
                out.append(ExpressionToken(kind: .symbol, text: two, offset: start))
                i += 2
            } else if "+-*/()[],<>".contains(c) {
                out.append(ExpressionToken(kind: .symbol, text: String(c), offset: start))
                i += 1
            } else {
                throw ExpressionError(.unexpectedCharacter(String(c)), offset: start)
            }
        }
    }
    return out
}

/// The recursive-descent parser over the tokens; depth-limited so a hostile file cannot overflow the stack.
struct ExpressionParser {
    var tokens: [ExpressionToken]
    var position = 0
    var depth = 0

    var peek: ExpressionToken? { position < tokens.count ? tokens[position] : nil }
    var endOffset: Int { tokens.last.map { $0.offset + $0.text.count } ?? 0 }

    mutating func take(_ symbol: String) -> Bool {
        guard let t = peek, t.text == symbol, t.kind == .symbol || t.kind == .name else { return false }
        position += 1
        return true
    }

    mutating func expect(_ symbol: String) throws {
        guard take(symbol) else {
            throw ExpressionError(.expected(symbol, found: peek?.text), offset: peek?.offset ?? endOffset)
        }
    }

    mutating func parseExpression() throws -> ExerciseExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth < 64 else { throw ExpressionError(.nestedTooDeeply, offset: peek?.offset) }
        var e = try parseAnd()
        while take("or") { e = .binary("or", e, try parseAnd()) }
        return e
    }

    mutating func parseAnd() throws -> ExerciseExpression {
        var e = try parseNot()
        while take("and") { e = .binary("and", e, try parseNot()) }
        return e
    }

    mutating func parseNot() throws -> ExerciseExpression {
        if take("not") { return .not(try parseNot()) }
        var e = try parseSum()
        for op in ["<=", ">=", "==", "!=", "<", ">"] where take(op) {
            e = .binary(op, e, try parseSum())
            break
        }
        return e
    }

    mutating func parseSum() throws -> ExerciseExpression {
        var e = try parseProduct()
        while true {
            if take("+") { e = .binary("+", e, try parseProduct()) } else if take("-") { e = .binary("-", e, try parseProduct()) } else { return e }
        }
    }

    mutating func parseProduct() throws -> ExerciseExpression {
        var e = try parseUnary()
        while true {
            if take("*") { e = .binary("*", e, try parseUnary()) } else if take("/") { e = .binary("/", e, try parseUnary()) } else { return e }
        }
    }

    mutating func parseUnary() throws -> ExerciseExpression {
        if take("-") { return .negate(try parseUnary()) }
        var e = try parsePrimary()
        while take("[") {
            var indices = [try parseExpression()]
            if take(",") { indices.append(try parseExpression()) }
            try expect("]")
            e = .index(e, indices)
        }
        return e
    }

    mutating func parsePrimary() throws -> ExerciseExpression {
        guard let t = peek else { throw ExpressionError(.endsTooEarly, offset: endOffset) }
        position += 1
        switch t.kind {
        case .number: return .number(Double(t.text)!)
        case .parameter: return .parameter(t.text)
        case .name:
            guard !["and", "or", "not"].contains(t.text) else { throw ExpressionError(.needsValueBefore(t.text), offset: t.offset) }
            guard take("(") else { return .name(t.text) }
            var args: [ExerciseExpression] = []
            if !take(")") {
                repeat { args.append(try parseExpression()) } while take(",")
                try expect(")")
            }
            guard expressionFunctions.contains(t.text) else {
                throw ExpressionError(.unknownFunction(t.text, suggestion: closestName(to: t.text, in: expressionFunctions.sorted())), offset: t.offset)
            }
            return .call(t.text, args)
        case .symbol:
            if t.text == "(" {
                let e = try parseExpression()
                try expect(")")
                return e
            }
            throw ExpressionError(.unexpected(t.text), offset: t.offset)
        }
    }
}

/// The functions an answer may call (documented in Lessons/FORMAT.md §2.8).
let expressionFunctions: Set<String> = [
    "argmax", "argmin", "sum", "max", "min", "mean", "exp", "log", "sqrt", "abs", "count", "len",
    "row", "col", "token", "keyToken", "head", "rowsums", "colsums", "transpose", "all", "any",
    "approx", "softmax", "round",
]
