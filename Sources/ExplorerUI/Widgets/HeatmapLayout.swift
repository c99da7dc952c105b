/// A position in a matrix: row `row`, column `column`.
public struct MatrixIndex: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    public var description: String { "(\(row), \(column))" }
}

/// Where a heatmap put its cells: what `HeatmapView.layout(in:)` chose for an area.
///
/// Callers use it to map between matrix indices and screen cells, e.g. to scroll a cursor
/// into view or to hit-test a mouse click.
public struct HeatmapLayout: Hashable, Sendable {
    /// How column labels are shown.
    public enum LabelMode: Hashable, Sendable {
        /// Every label fits its column.
        case full
        /// Labels cut to the column width; a key line below lists them in full.
        case truncated
        /// Column numbers only; a key line below lists the labels.
        case numbered
    }

    /// Columns of the screen per matrix column.
    public var cellWidth: Int
    /// Lines of the screen per matrix row (1–3); 1 in half-block mode, where a line holds two rows.
    public var cellHeight: Int
    /// Matrix rows per screen line: 1, or 2 when dense maps are packed with `▀` half blocks.
    public var rowsPerLine: Int
    /// The screen position of the top-left cell of the visible part.
    public var originX: Int
    public var originY: Int
    /// The part of the matrix drawn; smaller than the matrix when it does not fit even packed.
    public var visibleRows: Range<Int>
    public var visibleColumns: Range<Int>
    public var labelMode: LabelMode
    /// Row of the screen holding the column labels, and of the legend (nil when there is no room).
    public var labelLineY: Int
    public var legendY: Int?
    /// Screen column of the row sums (nil when not shown).
    public var sumsX: Int?

    public var isHalfBlock: Bool { rowsPerLine == 2 }

    /// The screen rectangle of cell (row, column), or nil when it is not visible. In half-block
    /// mode the rectangle is the line shared with the neighbouring row.
    public func rect(of index: MatrixIndex) -> Rect? {
        guard visibleRows.contains(index.row), visibleColumns.contains(index.column) else { return nil }
        let line = (index.row - visibleRows.lowerBound) / rowsPerLine
        return Rect(
            x: originX + (index.column - visibleColumns.lowerBound) * cellWidth,
            y: originY + line * cellHeight, width: cellWidth, height: cellHeight)
    }

    /// The matrix cell drawn at screen position (x, y), if any (the upper row in half-block mode).
    public func index(atX x: Int, y: Int) -> MatrixIndex? {
        guard x >= originX, y >= originY, cellWidth > 0, cellHeight > 0 else { return nil }
        let column = visibleColumns.lowerBound + (x - originX) / cellWidth
        let row = visibleRows.lowerBound + (y - originY) / cellHeight * rowsPerLine
        guard visibleRows.contains(row), visibleColumns.contains(column) else { return nil }
        return MatrixIndex(row: row, column: column)
    }
}

/// The part of `count` items to show in `capacity` slots: all of them, or a window around `focus`.
func visibleWindow(count: Int, capacity: Int, focus: Int?) -> Range<Int> {
    guard count > capacity else { return 0..<count }
    guard capacity > 0 else { return 0..<0 }
    let start = min(max(0, (focus ?? 0) - capacity / 2), count - capacity)
    return start..<(start + capacity)
}
