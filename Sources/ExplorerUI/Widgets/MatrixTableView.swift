import LessonEngine

/// A small matrix or vector as an aligned table of numbers inside matrix brackets.
///
/// ```
///          d0     d1
///  Я     ⎡ 0.10  -1.25 ⎤
///  люблю ⎣ 2.00     -∞ ⎦
/// ```
/// Numbers have a fixed number of decimals and line up on the right; −∞ prints as `-∞`.
/// Columns that do not fit are replaced by `…`, rows that do not fit by `⋮`.
public struct MatrixTableView: Sendable {
    public var values: [[Float]]
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var decimals: Int
    public var title: String?
    /// A cell to draw in the accent style (bold), e.g. the entry the lesson talks about.
    public var highlight: MatrixIndex?
    public var theme: Theme
    public var depth: ColorDepth
    /// How numbers are written, and the language of "more".
    public var language: Language = .en

    public init(
        values: [[Float]], rowLabels: [String] = [], columnLabels: [String] = [], decimals: Int = 2,
        title: String? = nil, highlight: MatrixIndex? = nil, theme: Theme = .dark, depth: ColorDepth = .direct
    ) {
        self.values = values
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.decimals = decimals
        self.title = title
        self.highlight = highlight
        self.theme = theme
        self.depth = depth
    }

    /// A row vector: one line of numbers, labelled by `labels` above.
    public init(vector: [Float], labels: [String] = [], name: String? = nil, decimals: Int = 2, title: String? = nil, theme: Theme = .dark, depth: ColorDepth = .direct) {
        self.init(values: [vector], rowLabels: name.map { [$0] } ?? [], columnLabels: labels, decimals: decimals,
                  title: title, theme: theme, depth: depth)
    }

    private var columnCount: Int { values.map(\.count).max() ?? 0 }

    private func text(_ i: Int, _ j: Int) -> String {
        j < values[i].count ? formatFixed(values[i][j], decimals: decimals, format: language.numbers) : ""
    }

    /// Width of column `j`: its widest number or its label.
    private func width(ofColumn j: Int) -> Int {
        let numbers = values.indices.map { columnWidth(of: text($0, j)) }.max() ?? 0
        return max(numbers, j < columnLabels.count ? columnWidth(of: columnLabels[j]) : 0)
    }

    private var labelWidth: Int { rowLabels.map { columnWidth(of: $0) }.max() ?? 0 }

    /// The size the table takes when nothing is cut: (columns, lines).
    public var naturalSize: (width: Int, height: Int) {
        let columns = (0..<columnCount).map { width(ofColumn: $0) + 2 }.reduce(0, +)
        let left = labelWidth > 0 ? labelWidth + 1 : 0
        return (left + 2 + columns, values.count + (columnLabels.isEmpty ? 0 : 1) + (title == nil ? 0 : 1))
    }

    public func render(in area: Rect, grid: inout CellGrid) {
        let theme = theme.reduced(to: depth)
        var y = area.y
        if let title {
            grid.put(title, x: area.x, y: y, style: theme.title, clip: area)
            y += 1
        }
        let left = labelWidth > 0 ? min(labelWidth, area.width / 3) + 1 : 0
        let bracketX = area.x + left

        // Columns that fit, keeping 3 cells for "…" when some are left out.
        var shown: [Int] = []
        var used = 2  // opening bracket and space; each column brings its own two cells after it
        for j in 0..<columnCount {
            let w = width(ofColumn: j) + 2
            let reserve = j < columnCount - 1 ? 3 : 0
            if left + used + w + reserve > area.width { break }
            shown.append(j)
            used += w
        }
        let cut = shown.count < columnCount

        if !columnLabels.isEmpty {
            var x = bracketX + 2
            for j in shown {
                let label = j < columnLabels.count ? columnLabels[j] : ""
                x = grid.put(paddedText(label, width: width(ofColumn: j), alignment: .right) + "  ", x: x, y: y, style: theme.dimText, clip: area)
            }
            y += 1
        }

        let rowsFit = values.count <= area.maxY - y ? values.count : max(0, area.maxY - y - 1)
        for i in 0..<rowsFit {
            if left > 0 {
                let label = i < rowLabels.count ? rowLabels[i] : ""
                grid.put(paddedText(label, width: left - 1), x: area.x, y: y, style: theme.dimText, clip: area)
            }
            let (open, close) = brackets(row: i, of: rowsFit == values.count ? values.count : rowsFit + 1)
            grid.put(String(open), x: bracketX, y: y, style: theme.border, clip: area)
            var x = bracketX + 2
            for j in shown {
                var style = values[i].indices.contains(j) && values[i][j] == -.infinity ? theme.masked : theme.text
                if highlight == MatrixIndex(row: i, column: j) { style = theme.accent; style.bold = true }
                grid.put(paddedText(text(i, j), width: width(ofColumn: j), alignment: .right), x: x, y: y, style: style, clip: area)
                x += width(ofColumn: j) + 2
            }
            if cut { x = grid.put("…  ", x: x, y: y, style: theme.dimText, clip: area) }
            grid.put(String(close), x: x - 1, y: y, style: theme.border, clip: area)
            y += 1
        }
        if rowsFit < values.count, y < area.maxY {
            grid.put("⋮ " + ScreenText.moreRows.text(language, ["count": String(values.count - rowsFit)]), x: bracketX + 2, y: y, style: theme.dimText, clip: area)
        }
    }

    /// Matrix brackets for line `row` of `count`: `[ ]` for one line, `⎡ ⎤ ⎢ ⎥ ⎣ ⎦` for more.
    private func brackets(row: Int, of count: Int) -> (Character, Character) {
        if count <= 1 { return ("[", "]") }
        if row == 0 { return ("⎡", "⎤") }
        if row == count - 1 { return ("⎣", "⎦") }
        return ("⎢", "⎥")
    }
}
