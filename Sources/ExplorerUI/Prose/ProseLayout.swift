import LessonEngine

/// One laid-out line of prose, ready to draw.
///
/// `prefix` is list bullets, numbers, hanging indents or the centring of display maths; a view
/// draws it in a marker style and the spans after it in their own styles.
public struct ProseLine: Hashable, Sendable {
    public enum Role: Hashable, Sendable {
        case heading(level: Int)
        case body
        case listItem
        case code
        /// Display maths (`$$…$$`), centred.
        case math
        case blank
    }

    public var role: Role
    public var prefix: String
    public var spans: [ProseSpan]

    public init(role: Role, prefix: String = "", spans: [ProseSpan] = []) {
        self.role = role
        self.prefix = prefix
        self.spans = spans
    }

    /// The line as plain text (prefix and spans), e.g. for tests and `attn print`.
    public var text: String { prefix + spans.map(\.text).joined() }
}

/// Lays out prose blocks for a column `width`: maths converted to Unicode, paragraphs wrapped,
/// list items given bullets and hanging indents, code kept verbatim (cut, not wrapped, when too long).
///
/// The result is a list of lines a view can scroll through; every line fits in `width` columns.
public func layoutProse(_ blocks: [ProseBlock], width: Int) -> [ProseLine] {
    let width = max(1, width)
    var lines: [ProseLine] = []
    for block in blocks {
        switch block {
        case .blank:
            lines.append(ProseLine(role: .blank))
        case .heading(let level, let spans):
            for wrapped in wrapSpans(renderingMath(spans), width: width) {
                lines.append(ProseLine(role: .heading(level: level), spans: wrapped))
            }
        case .paragraph(let spans):
            if spans.count == 1, spans[0].kind == .math {
                lines += layoutDisplayMath(spans[0].text, width: width)
            } else {
                for wrapped in wrapSpans(renderingMath(spans), width: width) {
                    lines.append(ProseLine(role: .body, spans: wrapped))
                }
            }
        case .bulletList(let items):
            for item in items { lines += layoutListItem(item, marker: "• ", width: width) }
        case .numberedList(let start, let items):
            let widest = "\(start + items.count - 1). ".count
            for (n, item) in items.enumerated() {
                let number = "\(start + n). "
                let marker = String(repeating: " ", count: widest - number.count) + number
                lines += layoutListItem(item, marker: marker, width: width)
            }
        case .codeBlock(let code):
            for sourceLine in code.split(separator: "\n", omittingEmptySubsequences: false) {
                for piece in cut(String(sourceLine), width: width - 2) {
                    lines.append(ProseLine(role: .code, prefix: "  ", spans: piece.isEmpty ? [] : [ProseSpan(.code, piece)]))
                }
            }
        }
    }
    return lines
}

/// Maths spans converted to Unicode; every other span unchanged.
private func renderingMath(_ spans: [ProseSpan]) -> [ProseSpan] {
    spans.map { $0.kind == .math ? ProseSpan(.math, renderInlineMath($0.text)) : $0 }
}

/// A bullet or number on the first line and a hanging indent of the same width on the others.
private func layoutListItem(_ spans: [ProseSpan], marker: String, width: Int) -> [ProseLine] {
    let indent = columnWidth(of: marker)
    let wrapped = wrapSpans(renderingMath(spans), width: max(1, width - indent))
    if wrapped.isEmpty { return [ProseLine(role: .listItem, prefix: marker)] }
    return wrapped.enumerated().map { n, spans in
        ProseLine(role: .listItem, prefix: n == 0 ? marker : String(repeating: " ", count: indent), spans: spans)
    }
}

/// A display formula centred on its own line(s).
private func layoutDisplayMath(_ latex: String, width: Int) -> [ProseLine] {
    let rendered = renderInlineMath(latex)
    return wrapSpans([ProseSpan(.math, rendered)], width: width).map { spans in
        let w = columnWidth(of: spans.map(\.text).joined())
        return ProseLine(role: .math, prefix: String(repeating: " ", count: max(0, (width - w) / 2)), spans: spans)
    }
}

/// Cuts `text` into pieces of at most `width` columns (at least one character each).
private func cut(_ text: String, width: Int) -> [String] {
    let width = max(1, width)
    var pieces: [String] = []
    var current = ""
    var currentWidth = 0
    for c in text {
        let w = columnWidth(of: c)
        if currentWidth + w > width && !current.isEmpty {
            pieces.append(current)
            current = ""
            currentWidth = 0
        }
        current.append(c)
        currentWidth += w
    }
    pieces.append(current)
    return pieces
}
