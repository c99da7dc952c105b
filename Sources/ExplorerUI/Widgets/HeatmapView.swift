import LessonEngine

/// A matrix drawn as coloured cells: attention maps, score matrices, any rows × columns of numbers.
///
/// Column labels run across the top, row labels down the left, each cell is a block of colour
/// from the colour map, with its value printed inside when the cell is wide enough. Masked
/// entries (−∞ before the softmax; also any −∞ value) are dotted, never drawn as the colour of 0.
/// A legend shows the scale. When the matrix has more rows than lines, rows are packed two
/// per line with `▀` half blocks (foreground = upper row, background = lower row); when it is
/// larger still, a window around the cursor is shown. Monochrome output draws shades ` ░▒▓█`.
/// `layout(in:)` reports the cell size so a caller can map cursor positions and clicks.
public struct HeatmapView: Sendable {
    /// rows × columns; ragged rows are padded with masked cells.
    public var values: [[Float]]
    /// true = masked (−∞ before the softmax). Same shape as `values`, or nil.
    public var masked: [[Bool]]?
    /// Labels of rows and columns (tokens); missing ones are the index.
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var title: String?
    /// The values mapped to the two ends of the colour map; nil for the smallest…largest value.
    public var range: ClosedRange<Float>?
    public var colorMap: ColorMap
    public var depth: ColorDepth
    public var theme: Theme
    /// The highlighted cell, kept in view when the matrix is larger than the area.
    public var cursor: MatrixIndex?
    /// A "Σ" column at the right with each row's sum over unmasked entries.
    public var showRowSums: Bool
    /// Print values inside cells that are wide enough.
    public var showValues: Bool
    public var showLegend: Bool
    public var rowAxisTitle: String
    public var columnAxisTitle: String
    /// Signed values: a diverging map centred on 0 (the range made symmetric), not the sequential one.
    public var diverging = false
    /// A row to mark with `▶` (the query a control selects).
    public var markedRow: Int?
    /// What a masked cell means here, for the legend: `weight 0` on weights, `−∞` on scores.
    public var maskedMeaning = "−∞ → weight 0"
    /// Print `-∞` in masked cells wide enough for it (score maps, where −∞ is the value).
    public var showMaskedValue = false
    /// What the colours stand for, for the legend: `weight`, `score`.
    public var quantity: String?
    /// Cells whose value changed with the last step or control move: marked `•` in a corner.
    public var changed: [[Bool]]?
    /// Values in bold (presenter mode).
    public var boldValues = false
    /// The narrowest cell (presenter mode asks for wider ones, up to what fits).
    public var minimumCellWidth = 0
    /// A diagonal to underline, as i − j (RoPE: every score with the same m − n is equal).
    public var highlightDiagonal: Int?
    /// The language of the legend's words, and how the numbers are written.
    public var language: Language = .en

    public init(
        values: [[Float]], masked: [[Bool]]? = nil, rowLabels: [String] = [], columnLabels: [String] = [],
        title: String? = nil, range: ClosedRange<Float>? = nil, colorMap: ColorMap = .viridis,
        depth: ColorDepth = .direct, theme: Theme = .dark, cursor: MatrixIndex? = nil,
        showRowSums: Bool = false, showValues: Bool = true, showLegend: Bool = true,
        rowAxisTitle: String = "query i ↓", columnAxisTitle: String = "key j →"
    ) {
        self.values = values
        self.masked = masked
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.title = title
        self.range = range
        self.colorMap = colorMap
        self.depth = depth
        self.theme = theme
        self.cursor = cursor
        self.showRowSums = showRowSums
        self.showValues = showValues
        self.showLegend = showLegend
        self.rowAxisTitle = rowAxisTitle
        self.columnAxisTitle = columnAxisTitle
    }

    /// An attention-weight map: tokens on both axes, the scale fixed to 0…1 so maps compare
    /// across steps, and the Σ column showing that every row sums to 1.
    public static func attention(
        weights: [[Float]], masked: [[Bool]]? = nil, tokens: [String], title: String? = "attention weights",
        depth: ColorDepth = .direct, theme: Theme = .dark, cursor: MatrixIndex? = nil
    ) -> HeatmapView {
        HeatmapView(
            values: weights, masked: masked, rowLabels: tokens, columnLabels: tokens, title: title,
            range: 0...1, depth: depth, theme: theme, cursor: cursor, showRowSums: true)
    }

    public var rowCount: Int { values.count }
    public var columnCount: Int { values.map(\.count).max() ?? 0 }

    /// Whether (row, column) is masked: marked so, −∞, or missing from a ragged row.
    public func isMasked(row: Int, column: Int) -> Bool {
        guard row < values.count, column < values[row].count else { return true }
        if let masked, row < masked.count, column < masked[row].count, masked[row][column] { return true }
        return values[row][column] == -.infinity
    }

    /// The range the colours span: `range`, or the smallest…largest unmasked finite value.
    public var valueRange: ClosedRange<Float> {
        if let range { return range }
        if diverging {
            let m = max(abs(finiteExtremes.lowerBound), abs(finiteExtremes.upperBound))
            return m > 0 ? -m...m : -1...1
        }
        return finiteExtremes
    }

    /// The smallest…largest unmasked finite value (0…1 when there is none).
    var finiteExtremes: ClosedRange<Float> {
        var lo = Float.infinity, hi = -Float.infinity
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() where v.isFinite && !isMasked(row: i, column: j) {
                lo = min(lo, v)
                hi = max(hi, v)
            }
        }
        return lo <= hi ? lo...hi : 0...1
    }

    /// Where `value` falls in `valueRange`, 0…1 (0.5 when the range is a single value).
    public func position(of value: Float) -> Double {
        let r = valueRange
        guard r.upperBound > r.lowerBound else { return 0.5 }
        return Double((value - r.lowerBound) / (r.upperBound - r.lowerBound))
    }

    /// The sum of row `row` over unmasked entries: 1 for every row of attention weights.
    public func rowSum(_ row: Int) -> Float {
        values[row].enumerated().reduce(0) { sum, entry in
            isMasked(row: row, column: entry.offset) || !entry.element.isFinite ? sum : sum + entry.element
        }
    }

    func rowLabel(_ i: Int) -> String {
        let label = i < rowLabels.count ? rowLabels[i] : String(i)
        guard markedRow != nil else { return label }
        return (markedRow == i ? "▶ " : "  ") + label
    }
    func columnLabel(_ j: Int) -> String {
        let label = j < columnLabels.count ? columnLabels[j] : String(j)
        return isMaskedColumn(j) && rowCount > 1 ? "×" + label : label
    }
    /// The precision cells print at: 2 decimals, or none when every value is a whole number
    /// (a 0/1 mask, counts), which then loses nothing; weights (with row sums) always keep 2.
    public var valueDecimals: Int {
        !showRowSums && values.joined().allSatisfy { !$0.isFinite || $0 == $0.rounded() } ? 0 : 2
    }
    func sumText(_ i: Int) -> String { formatFixed(rowSum(i), decimals: 2, format: language.numbers) }
    var hasMaskedCells: Bool {
        (0..<rowCount).contains { i in (0..<columnCount).contains { isMasked(row: i, column: $0) } }
    }
    /// A column masked for every query (a padding key): its label is marked `×`.
    func isChanged(_ i: Int, _ j: Int) -> Bool {
        guard let changed, i < changed.count, j < changed[i].count else { return false }
        return changed[i][j]
    }
    func isMaskedColumn(_ j: Int) -> Bool { rowCount > 0 && (0..<rowCount).allSatisfy { isMasked(row: $0, column: j) } }
}
