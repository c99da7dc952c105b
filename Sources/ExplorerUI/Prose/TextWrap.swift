import LessonEngine

/// Word-wraps styled spans to `width` columns.
///
/// Breaks at spaces (a run of spaces becomes one); a word wider than the line is cut into
/// line-sized pieces. Words may span several spans (`**bold**,` keeps its comma). Spaces inside
/// `.math` and `.code` spans do not break, so a formula or a snippet stays on one line (and is
/// cut like a long word only when it is wider than the line). Spans of a kind that
/// meet on a line are merged. `.math` text is wrapped as given: call `renderInlineMath` first
/// (`layoutProse` does). Returns no lines for text with no words.
public func wrapSpans(_ spans: [ProseSpan], width: Int) -> [[ProseSpan]] {
    let width = max(1, width)
    var lines: [[ProseSpan]] = []
    var line = LineBuilder()
    var pendingSpace: ProseSpanKind?

    for token in wrapTokens(spans).flatMap({ breakingWideMath($0, width: width) }) {
        switch token {
        case .space(let kind):
            if !line.isEmpty { pendingSpace = kind }
        case .word(let pieces, let wordWidth):
            let spaceWidth = pendingSpace == nil ? 0 : 1
            if line.width + spaceWidth + wordWidth <= width {
                if let kind = pendingSpace { line.append(kind, " ") }
            } else if !line.isEmpty {
                lines.append(line.spans)
                line = LineBuilder()
            }
            pendingSpace = nil
            for (kind, text) in pieces {
                for c in text {
                    let w = columnWidth(of: c)
                    // Cut an over-long word; a line always takes at least one character.
                    if line.width + w > width && !line.isEmpty {
                        lines.append(line.spans)
                        line = LineBuilder()
                    }
                    line.append(kind, String(c), width: w)
                }
            }
        }
    }
    if !line.isEmpty { lines.append(line.spans) }
    return lines
}

/// A formula wider than the line, split where it can break, outside every bracket: first
/// between its parts (a space after `,` or `;`), then at its other spaces (around `=`, `+`),
/// then after a `·` or `/`. Only a group that is itself wider than the line is broken inside,
/// at a space and then after a `·` or `/`, so `LayerNorm(SublayerOutput + SublayerInput)` breaks
/// after the `+`, never inside a name; a formula with no break at all is cut.
private func breakingWideMath(_ token: WrapToken, width: Int) -> [WrapToken] {
    guard case .word(let pieces, let wordWidth) = token, wordWidth > width,
          pieces.contains(where: { $0.0 == .math }) else { return [token] }
    return splitMath(pieces.flatMap { kind, text in text.map { (kind, $0) } }, level: 0, width: width)
}

/// Break levels of `splitMath`, from the most natural break to the least.
private enum MathBreak: CaseIterable {
    case afterPunctuation, atSpace, afterProduct, atSpaceInGroup, afterProductInGroup

    /// Whether the break may fall inside brackets.
    var insideGroups: Bool { self == .atSpaceInGroup || self == .afterProductInGroup }
}

private func splitMath(_ chars: [(ProseSpanKind, Character)], level: Int, width: Int) -> [WrapToken] {
    let total = chars.reduce(0) { $0 + columnWidth(of: $1.1) }
    guard total > width, level < MathBreak.allCases.count else { return [wordToken(chars)] }
    let rule = MathBreak.allCases[level]
    var parts: [[(ProseSpanKind, Character)]] = [[]]
    var depth = 0
    for (index, (kind, c)) in chars.enumerated() {
        if "([{⌊⌈⟨".contains(c) { depth += 1 } else if ")]}⌋⌉⟩".contains(c) { depth = max(0, depth - 1) }
        let breaks: Bool
        switch rule {
        case .afterPunctuation: breaks = c == " " && index > 0 && ",;".contains(chars[index - 1].1)
        case .atSpace, .atSpaceInGroup: breaks = c == " "
        case .afterProduct, .afterProductInGroup: breaks = "·/".contains(c)
        }
        if kind == .math && (depth == 0 || rule.insideGroups) && breaks {
            if rule == .afterProduct || rule == .afterProductInGroup { parts[parts.count - 1].append((kind, c)) }
            parts.append([])
        } else {
            parts[parts.count - 1].append((kind, c))
        }
    }
    parts = parts.map { part in Array(part.drop { $0.1 == " " }.reversed().drop { $0.1 == " " }.reversed()) }.filter { !$0.isEmpty }
    guard parts.count > 1 else { return splitMath(chars, level: level + 1, width: width) }
    var out: [WrapToken] = []
    for (n, part) in parts.enumerated() {
        if n > 0 && rule != .afterProduct && rule != .afterProductInGroup { out.append(.space(.math)) }
        out += splitMath(part, level: level + 1, width: width)
    }
    return out
}

private func wordToken(_ chars: [(ProseSpanKind, Character)]) -> WrapToken {
    var pieces: [(ProseSpanKind, String)] = []
    for (kind, c) in chars {
        if let last = pieces.last, last.0 == kind { pieces[pieces.count - 1].1.append(c) } else { pieces.append((kind, String(c))) }
    }
    return .word(pieces, width: chars.reduce(0) { $0 + columnWidth(of: $1.1) })
}

private enum WrapToken {
    case space(ProseSpanKind)
    case word([(ProseSpanKind, String)], width: Int)
}

/// Splits spans into words and breakable spaces.
private func wrapTokens(_ spans: [ProseSpan]) -> [WrapToken] {
    var tokens: [WrapToken] = []
    var pieces: [(ProseSpanKind, String)] = []
    var width = 0
    func endWord() {
        if !pieces.isEmpty { tokens.append(.word(pieces, width: width)) }
        pieces = []
        width = 0
    }
    for span in spans {
        for c in span.text {
            if c.isWhitespace && span.kind != .math && span.kind != .code {
                endWord()
                tokens.append(.space(span.kind))
                continue
            }
            let character = c.isWhitespace ? " " : c
            if let last = pieces.last, last.0 == span.kind {
                pieces[pieces.count - 1].1.append(character)
            } else {
                pieces.append((span.kind, String(character)))
            }
            width += columnWidth(of: character)
        }
    }
    endWord()
    return tokens
}

/// One output line under construction.
private struct LineBuilder {
    var spans: [ProseSpan] = []
    var width = 0
    var isEmpty: Bool { spans.isEmpty }

    mutating func append(_ kind: ProseSpanKind, _ text: String, width w: Int? = nil) {
        width += w ?? columnWidth(of: text)
        if let last = spans.last, last.kind == kind {
            spans[spans.count - 1].text += text
        } else {
            spans.append(ProseSpan(kind, text))
        }
    }
}
