import LessonEngine

extension HeatmapView {
    /// Chooses cell size, packing and visible window for `area`, without drawing.
    ///
    /// Widths first: row labels take at most a third of the area, the Σ column what its numbers
    /// need, and cells share the rest: at least as wide as the longest column label plus a gap
    /// (6 when values are printed), up to 16 when there is room. Then heights: full rows (1–4
    /// lines each, taller when cells are wide so they look square-ish), dropping the blank line
    /// and axis title before falling back to half blocks, and a window around the cursor when
    /// even that is too tall. Too many columns for one cell each: a window around the cursor.
    public func layout(in area: Rect) -> HeatmapLayout {
        let rows = rowCount, columns = columnCount

        // Widths.
        let rowLabelWidth = (0..<rows).map { columnWidth(of: rowLabel($0)) }.max() ?? 1
        let leftWidth = max(1, min(max(rowLabelWidth, columnWidth(of: rowAxisTitle)), area.width / 3))
        let sumsWidth = showRowSums ? 1 + max(1, (0..<rows).map { sumText($0).count }.max() ?? 1) : 0
        let cellsWidth = max(1, area.width - leftWidth - 1 - sumsWidth)
        let longestLabel = (0..<columns).map { columnWidth(of: columnLabel($0)) }.max() ?? 1
        // As wide as labels and values need, wider (up to 16) when the area has room to spare.
        var cellWidth = max(longestLabel + 1, showValues ? 6 : 3, minimumCellWidth, min(16, cellsWidth / max(1, columns)))
        if columns * cellWidth > cellsWidth { cellWidth = max(1, cellsWidth / max(1, columns)) }
        let visibleColumns = visibleWindow(count: columns, capacity: cellsWidth / cellWidth, focus: cursor?.column)

        let visibleLabels = visibleColumns.map { columnWidth(of: columnLabel($0)) }.max() ?? 0
        let labelMode: HeatmapLayout.LabelMode =
            visibleLabels <= max(1, cellWidth - 1) ? .full : cellWidth - 1 >= 4 ? .truncated : .numbered
        let keyCount = keyLines(mode: labelMode, columns: visibleColumns, width: area.width).count

        // Heights: what decorations cost, and what is left for rows.
        let titleHeight = title == nil ? 0 : 1
        let legendHeight = showLegend ? 1 : 0
        var axisHeight = 1, gapHeight = showLegend ? 1 : 0
        func linesLeft() -> Int { area.height - titleHeight - axisHeight - 1 - gapHeight - legendHeight - keyCount }
        if linesLeft() < rows { gapHeight = 0 }
        if linesLeft() < rows { axisHeight = 0 }
        // Packed anyway: the axis title costs one line of many, and says what the rows are.
        if linesLeft() < rows { axisHeight = 1 }
        let lines = max(0, linesLeft())

        var cellHeight = 1, rowsPerLine = 1
        var visibleRows = 0..<rows
        if rows <= lines {
            // About a quarter of the width: a terminal cell is twice as tall as wide, so this
            // keeps cells near square without letting a 3×3 map fill the whole screen.
            let tallest = min(4, (cellWidth + 2) / 4)
            cellHeight = max(1, min(tallest, lines / max(1, rows)))
        } else {
            rowsPerLine = 2
            visibleRows = visibleWindow(count: rows, capacity: lines * 2, focus: cursor?.row)
        }

        let labelLineY = area.y + titleHeight + axisHeight
        let originY = labelLineY + 1
        let matrixLines = (visibleRows.count + rowsPerLine - 1) / rowsPerLine * cellHeight
        let originX = area.x + leftWidth + 1
        return HeatmapLayout(
            cellWidth: cellWidth, cellHeight: cellHeight, rowsPerLine: rowsPerLine,
            originX: originX, originY: originY,
            visibleRows: visibleRows, visibleColumns: visibleColumns, labelMode: labelMode,
            labelLineY: labelLineY,
            legendY: showLegend && area.height > 0 ? originY + matrixLines + gapHeight : nil,
            sumsX: showRowSums ? originX + visibleColumns.count * cellWidth + 1 : nil)
    }

    /// "j: 0 Я  1 люблю  2 трансформер", wrapped to `width`, at most two lines (the last cut with
    /// `…`): the full column labels when the header could only show them cut or numbered.
    ///
    /// Nothing when labels show in full, or when there are no labels (the numbers are the labels).
    func keyLines(mode: HeatmapLayout.LabelMode, columns: Range<Int>, width: Int) -> [String] {
        guard mode != .full, !columnLabels.isEmpty, width > 0 else { return [] }
        var lines: [String] = []
        var line = "j:"
        for j in columns {
            let entry = "\(j) \(columnLabel(j))"
            if columnWidth(of: line) + 2 + columnWidth(of: entry) > width && line != "j:" {
                lines.append(line)
                line = "  " + entry
            } else {
                line += (line == "j:" ? " " : "  ") + entry
            }
        }
        lines.append(line)
        if lines.count > 2 {
            lines = [lines[0], truncatedText(lines[1] + "  " + lines[2...].joined(separator: "  "), width: width)]
        }
        return lines.map { truncatedText($0, width: width) }
    }
}
