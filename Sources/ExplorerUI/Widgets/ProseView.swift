import LessonEngine

/// Lesson prose: Markdown blocks wrapped to the area, styled, scrollable.
///
/// Headings are bold in the title colour (level 1 also underlined), emphasis italic, strong
/// bold, code in the code colour, maths (converted to Unicode by the layout) in the accent
/// colour, list bullets and numbers in the accent colour. When the text is longer than the
/// area, `scroll` picks the first line shown and `▲`/`▼` in the right margin say there is more.
public struct ProseView: Sendable {
    public var blocks: [ProseBlock]
    /// Index of the first laid-out line shown.
    public var scroll: Int
    public var depth: ColorDepth
    public var theme: Theme

    public init(blocks: [ProseBlock], scroll: Int = 0, depth: ColorDepth = .direct, theme: Theme = .dark) {
        self.blocks = blocks
        self.scroll = scroll
        self.depth = depth
        self.theme = theme
    }

    /// Parses `markdown` with `parseProse`.
    public init(markdown: String, scroll: Int = 0, depth: ColorDepth = .direct, theme: Theme = .dark) {
        self.init(blocks: parseProse(markdown), scroll: scroll, depth: depth, theme: theme)
    }

    /// The laid-out lines for an area `width` columns wide (one column is kept for the scroll marks).
    public func lines(width: Int) -> [ProseLine] { layoutProse(blocks, width: max(1, width - 1)) }

    /// How many lines the prose takes at `width`, for a caller bounding `scroll`.
    public func lineCount(width: Int) -> Int { lines(width: width).count }

    public func render(in area: Rect, grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let theme = theme.reduced(to: depth)
        let all = lines(width: area.width)
        let first = max(0, min(scroll, all.count - area.height))
        for (n, line) in all.dropFirst(first).prefix(area.height).enumerated() {
            let y = area.y + n
            var x = grid.put(line.prefix, x: area.x, y: y, style: line.role == .code ? theme.code : theme.accent, clip: area)
            for span in line.spans {
                x = grid.put(span.text, x: x, y: y, style: style(of: span.kind, role: line.role, theme: theme), clip: area)
            }
        }
        if first > 0 { grid.put("▲", x: area.maxX - 1, y: area.y, style: theme.dimText, clip: area) }
        if first + area.height < all.count { grid.put("▼", x: area.maxX - 1, y: area.maxY - 1, style: theme.dimText, clip: area) }
    }

    /// The style for a span: its kind on top of its line's role.
    private func style(of kind: ProseSpanKind, role: ProseLine.Role, theme: Theme) -> Style {
        var base = theme.text
        if case .heading(let level) = role {
            base = level <= 2 ? theme.title : theme.accent
            base.bold = true
            base.underline = level == 1
        }
        switch kind {
        case .text: return base
        case .emphasis:
            base.italic = true
            return base
        case .strong:
            base.bold = true
            return base
        case .code:
            var style = theme.code
            style.bold = base.bold
            return style
        case .math:
            var style = theme.accent
            style.bold = base.bold
            return style
        }
    }
}
