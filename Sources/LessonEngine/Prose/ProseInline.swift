/// Parses the inline Markdown of one paragraph, list item or heading into spans.
///
/// `**x**`/`__x__` → strong, `*x*`/`_x_` → emphasis, `` `x` `` → code, `$x$` (and `$$x$$`) →
/// math, `[text](url)` → its text, `\*` and friends → the literal character. Spans are flat:
/// inside `**…**` a code or maths span stays code or maths, and plain text becomes strong.
/// An underscore inside a word (`d_k`, `snake_case`) is never emphasis, and a `*` or `$`
/// followed by a space (`2 * 3`, `$ 5`) opens nothing, so ordinary text survives unharmed.
///
/// The cost is linear in the length of the text, whatever it holds: emphasis and links nest at
/// most `ProseLimits.maximumNesting` deep (deeper markers are literal text), and the searches for
/// closing markers share a budget proportional to the text, after which markers stay literal.
/// Without the budget, thousands of `*x ` or `[` that never close made each search run to the
/// end of the paragraph: quadratic time.
public func parseProseSpans(_ text: String) -> [ProseSpan] {
    var builder = SpanBuilder()
    let chars = Array(text)
    InlineScanner(chars: chars).scan(0..<chars.count, base: .text, into: &builder, depth: 0)
    return builder.spans
}

/// Limits of the inline prose parser.
public enum ProseLimits {
    /// Emphasis and links inside one another; lesson prose uses 2.
    public static let maximumNesting = 16
    /// Characters examined by closing-marker searches, per character of text (plus a constant).
    /// Ordinary prose uses a few per character.
    public static let searchBudgetPerCharacter = 24
}

/// Collects spans, merging neighbours of the same text-like kind.
private struct SpanBuilder {
    var spans: [ProseSpan] = []

    mutating func append(_ kind: ProseSpanKind, _ text: String) {
        guard !text.isEmpty else { return }
        if kind != .code, kind != .math, let last = spans.last, last.kind == kind {
            spans[spans.count - 1].text += text
        } else {
            spans.append(ProseSpan(kind, text))
        }
    }
}

private final class InlineScanner {
    let chars: [Character]
    /// Characters the closing-marker searches may still examine (see `ProseLimits`).
    var budget: Int

    init(chars: [Character]) {
        self.chars = chars
        budget = chars.count * ProseLimits.searchBudgetPerCharacter + 4096
    }

    /// Spends one unit of the search budget; false once it is gone.
    func spend() -> Bool {
        budget -= 1
        return budget >= 0
    }

    /// Characters that a backslash turns into themselves.
    static let escapable: Set<Character> = ["\\", "`", "*", "_", "$", "[", "]", "(", ")", "#", "+", "-", ".", "!", "{", "}"]

    func scan(_ range: Range<Int>, base: ProseSpanKind, into out: inout SpanBuilder, depth: Int) {
        var i = range.lowerBound
        let end = range.upperBound
        let nests = depth < ProseLimits.maximumNesting
        while i < end {
            let c = chars[i]
            if c == "\\", i + 1 < end, Self.escapable.contains(chars[i + 1]) {
                out.append(base, String(chars[i + 1]))
                i += 2
                continue
            }
            if c == "`", let (content, next) = codeSpan(at: i, end: end) {
                out.append(.code, content)
                i = next
                continue
            }
            if c == "$", let (content, next) = mathSpan(at: i, end: end) {
                out.append(.math, content)
                i = next
                continue
            }
            if nests, c == "*" || c == "_", let (inner, next, strong) = emphasis(at: i, end: end) {
                scan(inner, base: strong ? .strong : .emphasis, into: &out, depth: depth + 1)
                i = next
                continue
            }
            if nests, c == "[", let (inner, next) = link(at: i, end: end) {
                scan(inner, base: base, into: &out, depth: depth + 1)
                i = next
                continue
            }
            out.append(base, String(c))
            i += 1
        }
    }

    /// A run of n backticks up to the next run of exactly n; one space of padding on both sides is dropped.
    func codeSpan(at start: Int, end: Int) -> (String, Int)? {
        let n = run(of: "`", at: start, end: end)
        var j = start + n
        while j < end {
            guard spend() else { return nil }
            if chars[j] == "`" {
                let m = run(of: "`", at: j, end: end)
                if m == n {
                    var content = chars[(start + n)..<j]
                    if content.count >= 2, content.first == " ", content.last == " " {
                        content = content.dropFirst().dropLast()
                    }
                    return (String(content), j + m)
                }
                j += m
            } else {
                j += 1
            }
        }
        return nil
    }

    /// `$…$` whose content neither starts nor ends with a space, or `$$…$$` (display maths written inline).
    func mathSpan(at start: Int, end: Int) -> (String, Int)? {
        if start + 1 < end, chars[start + 1] == "$" {
            var j = start + 2
            while j + 1 < end {
                guard spend() else { return nil }
                if chars[j] == "\\" { j += 2; continue }
                if chars[j] == "$", chars[j + 1] == "$" {
                    return (String(chars[(start + 2)..<j]).proseTrimmed(), j + 2)
                }
                j += 1
            }
            return nil
        }
        guard start + 1 < end, !chars[start + 1].isWhitespace else { return nil }
        var j = start + 1
        while j < end {
            guard spend() else { return nil }
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "$" {
                guard !chars[j - 1].isWhitespace else { return nil }
                return (String(chars[(start + 1)..<j]), j + 1)
            }
            j += 1
        }
        return nil
    }

    /// `*x*`, `_x_`, `**x**` or `__x__`: the inner range, the index after the closer, and whether it is strong.
    func emphasis(at start: Int, end: Int) -> (Range<Int>, Int, Bool)? {
        let marker = chars[start]
        let n = min(run(of: marker, at: start, end: end), 2)
        let open = start + n
        guard open < end, !chars[open].isWhitespace else { return nil }
        // Intraword underscores (d_k, W_Q) are identifiers, not emphasis.
        if marker == "_", start > 0, isWordCharacter(chars[start - 1]) { return nil }
        var j = open + 1
        while j < end {
            guard spend() else { return nil }
            let c = chars[j]
            if c == "\\" { j += 2; continue }
            if c == "`", let (_, next) = codeSpan(at: j, end: end) { j = next; continue }
            if c == "$", let (_, next) = mathSpan(at: j, end: end) { j = next; continue }
            if c == marker {
                let m = run(of: marker, at: j, end: end)
                // `*a **b** c*`: a double run after a space opens nested strong text; skip past it.
                if n == 1, m >= 2, chars[j - 1].isWhitespace, let (_, next, _) = emphasis(at: j, end: end) {
                    j = next
                    continue
                }
                let closesHere = m >= n && !chars[j - 1].isWhitespace
                let followedByWord = j + n < end && isWordCharacter(chars[j + n])
                if closesHere && !(marker == "_" && followedByWord) {
                    // For `*x**`, take the closer at the end of the run so `***x***` nests sensibly.
                    let closer = n == 1 && m > 1 ? j : j + m - n
                    return (open..<closer, closer + n, n == 2)
                }
                j += m
                continue
            }
            j += 1
        }
        return nil
    }

    /// `[text](url)`: the text range and the index after `)`.
    func link(at start: Int, end: Int) -> (Range<Int>, Int)? {
        var depth = 0
        var j = start
        while j < end {
            guard spend() else { return nil }
            if chars[j] == "\\" { j += 2; continue }
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            j += 1
        }
        guard j + 1 < end, chars[j] == "]", chars[j + 1] == "(" else { return nil }
        var close = j + 2
        while close < end, chars[close] != ")" {
            guard spend() else { return nil }
            close += 1
        }
        guard close < end else { return nil }
        return ((start + 1)..<j, close + 1)
    }

    /// The length of the run of `c` at `start`; runs are measured on the budget too, since a
    /// run of 10⁵ backticks would otherwise be measured again from each of its characters.
    func run(of c: Character, at start: Int, end: Int) -> Int {
        var j = start
        while j < end, chars[j] == c {
            j += 1
            if j - start > 1, !spend() { break }
        }
        return j - start
    }

    func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
