/// Turns the LaTeX of lecture formulas into plain Unicode a terminal can show.
///
/// `\text{softmax}(QK^T/\sqrt{d_k})V` becomes `softmax(QKᵀ/√d_k)·V`. The rules, chosen for a
/// monospace terminal rather than for typographic fidelity:
/// - `\text`, `\mathrm`, `\operatorname`, `\mathbf`, … keep their content as plain text.
/// - Superscripts use Unicode superscript letters when every character has one (`^T` → ᵀ,
///   `^2` → ², `^\top` → ᵀ), otherwise `^x` for one character and `^(…)` for more.
/// - Subscripts use Unicode subscripts when every character has one (`x_1` → x₁, `d_k` → dₖ,
///   `q_{ij}` → qᵢⱼ, `t-1` → ₜ₋₁); otherwise `_Q` for a word (`W_Q`, `X_dec`: capitals and most
///   Greek letters have no subscript form) and `_(…)` for more.
/// - Juxtaposed symbols with subscripts are a product and get a `·` (`w_i v_i` → wᵢ·vᵢ,
///   `X_{dec} W_Q` → X_dec·W_Q), as are a closing parenthesis and a letter (`softmax(…)V`):
///   the implicit products that read ambiguously once the typesetting is gone.
/// - `\begin{cases}` keeps its rows and conditions: `{0 if j ≤ i; −∞ if j > i}` when the source
///   writes `0 & \text{if } j \le i \\ …`.
/// - `\sqrt{x}` → √x, `\sqrt{x+y}` → √(x + y); `\frac{a}{b}` → a/b with compound parts in parentheses.
/// - Greek letters, operators and relations become their symbols; `\,` and other spacing
///   commands disappear; braces are dropped; an unknown command keeps its name without `\`.
/// - Spacing follows TeX, not the source: source spaces are ignored, relations (`=`, `≤`, `∈`,
///   `→`) and binary `+`/`-` get a space on each side, commas one after, `·` `×` `/` none, and a
///   function or big operator (`log`, `Σ_j`) one before a following letter.
///
/// A formula nested deeper than `InlineMathLimits.maximumDepth` is shown as its LaTeX source:
/// the renderer recurses once per level, so without the limit a file of `\sqrt{\sqrt{…}}` could
/// overflow the stack. `attn validate` reports such formulas (`inlineMathProblem`). The cost is
/// linear in the length of the formula: each level copies its text at most a bounded number of
/// times, and the depth is bounded.
public func renderInlineMath(_ latex: String) -> String {
    var renderer = MathRenderer(chars: Array(latex))
    let text = renderer.sequence(untilBrace: false).text
    return renderer.tooDeep ? latex : text
}

/// Limits of the maths renderer, shared by the renderer and by validation.
public enum InlineMathLimits {
    /// Groups, scripts and commands inside one another. Lecture formulas reach about 6.
    public static let maximumDepth = 48
}

/// Why `latex` cannot be rendered as maths, in words for a diagnostic, or nil when it can.
public func inlineMathProblem(_ latex: String) -> String? {
    var renderer = MathRenderer(chars: Array(latex))
    _ = renderer.sequence(untilBrace: false)
    guard renderer.tooDeep else { return nil }
    return "the formula '\(quotedExcerpt(latex))' is nested more than \(InlineMathLimits.maximumDepth) levels deep (groups, scripts, \\sqrt, \\frac…); attn shows it as LaTeX source"
}

/// The first characters of `text` on one line, for a message.
func quotedExcerpt(_ text: String, limit: Int = 40) -> String {
    let flat = String(text.map { $0.isNewline ? " " : $0 })
    return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
}

/// A rendered piece of formula and how it is spaced against its neighbours.
private struct Piece {
    enum Spacing {
        case plain
        /// Scripts and primes: glued to what precedes them, and they keep a pending function space.
        case attached
        /// `=`, `≤`, `∈`, `→`: a space on each side.
        case relation
        /// `+`, `-`: spaced when binary, glued when unary (`-1`, `(-x)`, `^{-2}`).
        case binary
        /// `,` `;`: a space after.
        case punctuation
        /// `log`, `Σ`: a space before a following letter or digit (`log x`, `Σ_j e`).
        case function
    }

    var text: String
    var spacing: Spacing = .plain
    /// A subscript (`_i`, `ᵢ`): what follows it directly is a product.
    var isSubscript = false
}

private struct MathRenderer {
    let chars: [Character]
    var i = 0
    /// How many groups, scripts and commands enclose the current position.
    var depth: Int
    /// Set once the depth limit is passed; from then on every level returns at once.
    var tooDeep = false

    init(chars: [Character], depth: Int = 0) {
        self.chars = chars
        self.depth = depth
    }

    /// Enters one level; false (and `tooDeep`) past the limit.
    mutating func enter() -> Bool {
        depth += 1
        if depth > InlineMathLimits.maximumDepth { tooDeep = true }
        return !tooDeep
    }

    /// Renders atoms until the end or an unmatched `}` (consumed when `untilBrace`).
    mutating func sequence(untilBrace: Bool) -> Piece {
        var out = ""
        var functionPending = false
        // Whether `out` ends in a symbol with a subscript (`w_i`, `X_dec`), which a following
        // symbol multiplies.
        var endsInSubscript = false
        guard enter() else { return Piece(text: "") }
        defer { depth -= 1 }
        while i < chars.count && !tooDeep {
            if chars[i] == "}" {
                i += 1
                if untilBrace { break }
                continue
            }
            guard let piece = atom(), !piece.text.isEmpty else { continue }
            switch piece.spacing {
            case .attached:
                out += piece.text
                if piece.isSubscript { endsInSubscript = true }
                continue
            case .relation:
                trimTrailingSpace(&out)
                out += out.isEmpty ? piece.text + " " : " " + piece.text + " "
            case .binary:
                let spaced = out.last == " "
                trimTrailingSpace(&out)
                let unary = out.isEmpty || out.last.map { "([{,;=<>≤≥≠≈∈→←^".contains($0) } ?? true
                out += unary ? (spaced ? " " : "") + piece.text : " " + piece.text + " "
            case .punctuation:
                trimTrailingSpace(&out)
                out += piece.text + " "
            case .plain, .function:
                let first = piece.text.first!
                if functionPending && (first.isLetter || first.isNumber) {
                    out += " "
                } else if piece.spacing == .function, let last = out.last, last.isLetter || last.isNumber || endsInSubscript {
                    out += " "  // `p_i \log p_i` → pᵢ log pᵢ
                } else if (out.last == ")" || endsInSubscript) && (first.isLetter || first == "√") && piece.spacing != .function {
                    out += "·"
                }
                out += piece.text
            }
            endsInSubscript = false
            functionPending = piece.spacing == .function
        }
        trimTrailingSpace(&out)
        return Piece(text: out)
    }

    /// The next atom: a group, a command with its arguments, a script, or one character;
    /// nil for source whitespace, which TeX ignores in maths.
    mutating func atom() -> Piece? {
        guard enter() else {
            i = chars.count
            return nil
        }
        defer { depth -= 1 }
        let c = chars[i]
        switch c {
        case "{":
            i += 1
            return sequence(untilBrace: true)
        case "^", "_":
            i += 1
            skipSpaces()
            guard i < chars.count else { return Piece(text: String(c)) }
            let argument = scriptArgument()
            return Piece(text: c == "^" ? raised(argument) : lowered(argument), spacing: .attached, isSubscript: c == "_")
        case "\\":
            return command()
        default:
            i += 1
            if c.isWhitespace { return nil }
            switch c {
            case "'": return Piece(text: "′", spacing: .attached)
            case "&", "~": return Piece(text: " ", spacing: .attached)
            case "=", "<", ">": return Piece(text: String(c), spacing: .relation)
            case "+", "-", "−": return Piece(text: String(c), spacing: .binary)
            case ",", ";": return Piece(text: String(c), spacing: .punctuation)
            default: return Piece(text: String(c))
            }
        }
    }

    /// The argument of `^` or `_`, spaces removed: inside a script they only cost width.
    mutating func scriptArgument() -> String {
        if chars[i] == "\\" {
            let save = i
            let name = commandName()
            if name == "top" || name == "intercal" || name == "T" { return "T" }
            i = save
        }
        return (argument() ?? "").filter { $0 != " " }
    }

    /// A braced group or a single atom, rendered; nil at the end of input.
    mutating func argument() -> String? {
        skipSpaces()
        guard i < chars.count else { return nil }
        if chars[i] == "{" {
            i += 1
            return sequence(untilBrace: true).text
        }
        return atom()?.text
    }

    /// A braced group kept verbatim, as `\text{…}` wants.
    mutating func rawArgument() -> String {
        skipSpaces()
        guard i < chars.count else { return "" }
        guard chars[i] == "{" else { return argument() ?? "" }
        var depth = 0
        var text = ""
        while i < chars.count {
            let c = chars[i]
            i += 1
            if c == "{" { depth += 1; if depth == 1 { continue } }
            if c == "}" { depth -= 1; if depth == 0 { break } }
            if c == "\\", i < chars.count, "{}$%&_#".contains(chars[i]) { continue }
            text.append(c)
        }
        return text
    }

    /// The name after a backslash: a run of letters, or one other character (`\,`, `\|`, `\{`).
    mutating func commandName() -> String {
        i += 1  // the backslash
        guard i < chars.count else { return "" }
        if !chars[i].isLetter {
            i += 1
            return String(chars[i - 1])
        }
        let start = i
        while i < chars.count, chars[i].isASCII, chars[i].isLetter { i += 1 }
        return String(chars[start..<i])
    }

    mutating func command() -> Piece? {
        let name = commandName()
        if let symbol = MathTables.symbols[name] {
            if MathTables.relations.contains(name) { return Piece(text: symbol, spacing: .relation) }
            if MathTables.bigOperators.contains(name) { return Piece(text: symbol, spacing: .function) }
            if name == "pm" || name == "mp" { return Piece(text: symbol, spacing: .binary) }
            return Piece(text: symbol)
        }
        if MathTables.functions.contains(name) { return Piece(text: name, spacing: .function) }
        switch name {
        case "text", "textrm", "textit", "textbf", "mbox", "operatorname":
            return Piece(text: rawArgument())
        case "mathrm", "mathbf", "mathit", "mathsf", "mathtt", "boldsymbol", "bm", "mathcal", "mathscr":
            return Piece(text: argument() ?? "")
        case "mathbb":
            let inner = argument() ?? ""
            return Piece(text: String(inner.map { MathTables.blackboard[$0] ?? $0 }))
        case "sqrt":
            skipSpaces()
            var index = ""
            if i < chars.count, chars[i] == "[" {
                let close = chars[i...].firstIndex(of: "]") ?? chars.count - 1
                var inner = MathRenderer(chars: Array(chars[(i + 1)..<max(i + 1, close)]), depth: depth)
                index = superscriptOnly(inner.sequence(untilBrace: false).text) ?? ""
                if inner.tooDeep { tooDeep = true }
                i = close + 1
            }
            return Piece(text: index + "√" + parenthesised(argument() ?? ""))
        case "frac", "dfrac", "tfrac":
            let numerator = argument() ?? ""
            let denominator = argument() ?? ""
            return Piece(text: parenthesised(numerator) + "/" + parenthesised(denominator))
        case "hat", "widehat", "tilde", "widetilde", "bar", "overline", "vec", "dot":
            let mark: Character = ["hat": "\u{302}", "widehat": "\u{302}", "tilde": "\u{303}", "widetilde": "\u{303}",
                                   "bar": "\u{304}", "overline": "\u{304}", "vec": "\u{20D7}", "dot": "\u{307}"][name] ?? "\u{302}"
            return Piece(text: (argument() ?? "") + String(mark))
        case "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr":
            // Sizing prefixes: keep the delimiter that follows, drop `.`
            skipSpaces()
            guard i < chars.count else { return nil }
            if chars[i] == "." { i += 1; return nil }
            return atom()
        case "begin", "end":
            // `cases` is shown as a braced list of its rows; other environments just disappear.
            let environment = rawArgument()
            guard environment == "cases" else { return nil }
            return Piece(text: name == "begin" ? "{" : "}")
        case ",", ";", ":", "!", " ", "displaystyle", "textstyle", "limits", "nolimits":
            return nil
        case "quad", "qquad":
            return Piece(text: " ", spacing: .attached)
        case "\\":
            return Piece(text: ";", spacing: .punctuation)
        case "":
            return Piece(text: "\\")
        default:
            // `\{`, `\}`, `\%`, … stand for themselves; an unknown word keeps its name.
            return Piece(text: name)
        }
    }

    mutating func skipSpaces() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }
}

/// `x+y` → `(x+y)`, `QKᵀ` and `√d_k` stay bare: parentheses only where reading would be ambiguous.
private func parenthesised(_ text: String) -> String {
    let compound = text.contains { " +-−±=<>≤≥≠≈/·×,∈→".contains($0) }
    return compound && !isWrappedInParentheses(text) ? "(\(text))" : text
}

private func isWrappedInParentheses(_ text: String) -> Bool {
    guard text.first == "(", text.last == ")" else { return false }
    var depth = 0
    // Counting once: `text.count` is O(n) for a String, and inside the loop it made this O(n²).
    let last = text.count - 1
    for (n, c) in text.enumerated() {
        if c == "(" { depth += 1 }
        if c == ")" { depth -= 1 }
        if depth == 0 && n < last { return false }
    }
    return true
}

private func raised(_ text: String) -> String {
    if text.isEmpty { return "" }
    if text.allSatisfy({ $0 == "′" || $0 == "*" }) { return text }
    if let raised = superscriptOnly(text) { return raised }
    return text.count == 1 ? "^" + text : "^(\(text))"
}

private func superscriptOnly(_ text: String) -> String? {
    var out = ""
    for c in text {
        guard let s = MathTables.superscripts[c] else { return nil }
        out.append(s)
    }
    return out
}

private func lowered(_ text: String) -> String {
    if text.isEmpty { return "" }
    var out = ""
    for c in text {
        guard let s = MathTables.numericSubscripts[c] ?? MathTables.letterSubscripts[c] else { out = ""; break }
        out.append(s)
    }
    if !out.isEmpty { return out }
    let isWord = text.allSatisfy { $0.isLetter || $0.isNumber }
    return isWord ? "_" + text : "_(\(text))"
}

private func trimTrailingSpace(_ text: inout String) {
    while text.last == " " { text.removeLast() }
}
