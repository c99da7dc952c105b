import LessonEngine

extension HeatmapView {
    /// Draws the heatmap into `area` of `grid` and returns the layout it used.
    @discardableResult
    public func render(in area: Rect, grid: inout CellGrid) -> HeatmapLayout {
        // Resolve the range once: found by scanning every value, it must not be rescanned per cell.
        guard range != nil else {
            var resolved = self
            resolved.range = valueRange
            return resolved.render(in: area, grid: &grid)
        }
        let layout = layout(in: area)
        let theme = theme.reduced(to: depth)
        guard rowCount > 0, columnCount > 0 else {
            grid.put(ScreenText.emptyMatrix.text(language), x: area.x, y: area.y, style: theme.dimText, clip: area)
            return layout
        }
        if let title { grid.put(title, x: area.x, y: area.y, style: theme.title, clip: area) }
        drawHeader(layout, area: area, theme: theme, grid: &grid)
        if layout.isHalfBlock {
            drawPacked(layout, area: area, theme: theme, grid: &grid)
        } else {
            drawCells(layout, area: area, theme: theme, grid: &grid)
        }
        drawLegend(layout, area: area, theme: theme, grid: &grid)
        return layout
    }

    private func drawHeader(_ layout: HeatmapLayout, area: Rect, theme: Theme, grid: inout CellGrid) {
        let y = layout.labelLineY
        if y - 1 >= area.y + (title == nil ? 0 : 1) {
            grid.put(columnAxisTitle, x: layout.originX, y: y - 1, style: theme.dimText, clip: area)
        }
        grid.put(truncatedText(rowAxisTitle, width: layout.originX - area.x - 1), x: area.x, y: y, style: theme.dimText, clip: area)
        let cw = layout.cellWidth
        for j in layout.visibleColumns {
            let label: String
            switch layout.labelMode {
            case .full: label = columnLabel(j)
            case .truncated: label = truncatedText(columnLabel(j), width: cw - 1)
            case .numbered:
                let number = String(j)
                label = number.count <= max(1, cw - 1) ? number : String(j % 10)
            }
            let x = layout.originX + (j - layout.visibleColumns.lowerBound) * cw
            let text = cw > 1 ? paddedText(label, width: cw - 1, alignment: .center) : label
            let style = cursor?.column == j ? cursorLabel(theme) : isMaskedColumn(j) && rowCount > 1 ? theme.masked : theme.text
            grid.put(text, x: x + (cw > 1 ? 1 : 0), y: y, style: style, clip: area)
        }
        if let sumsX = layout.sumsX, !layout.isHalfBlock {
            grid.put("Σ", x: sumsX + sumsWidth - 1, y: y, style: theme.title, clip: area)
        }
    }

    /// One row per 1–4 lines: coloured (or shaded) blocks, values, labels, sums, the cursor.
    private func drawCells(_ layout: HeatmapLayout, area: Rect, theme: Theme, grid: inout CellGrid) {
        let cw = layout.cellWidth
        let decimals = valueDecimals
        for i in layout.visibleRows {
            guard let rowRect = layout.rect(of: MatrixIndex(row: i, column: layout.visibleColumns.lowerBound)) else { continue }
            let middle = rowRect.y + (rowRect.height - 1) / 2
            var labelStyle = cursor?.row == i ? cursorLabel(theme) : theme.text
            if markedRow == i { labelStyle = theme.focus }
            grid.put(paddedText(rowLabel(i), width: layout.originX - area.x - 1, alignment: .right),
                     x: area.x, y: middle, style: labelStyle, clip: area)
            for j in layout.visibleColumns {
                guard let rect = layout.rect(of: MatrixIndex(row: i, column: j)) else { continue }
                let clipped = rect.intersection(area)
                if isMasked(row: i, column: j) {
                    // A sparse diagonal hatch of dim dots: clearly "no entry", and unlike any colour
                    // or shade a value could have. The top-left cell always gets a dot, so even a
                    // one-character cell shows it.
                    for y in clipped.y..<clipped.maxY {
                        for x in clipped.x..<clipped.maxX {
                            let dotted = (x - rect.x + 2 * (y - rect.y)) % 4 == 0
                            grid[x, y] = Cell(dotted ? "·" : " ", style: theme.masked)
                        }
                    }
                    // On a score map −∞ is the value itself: say so where the cell has room.
                    if showMaskedValue, cw >= 4 {
                        grid.put(" -∞ ", x: rect.x + (cw - 4) / 2, y: middle, style: theme.masked, clip: clipped)
                    }
                    continue
                }
                let v = values[i][j]
                let t = position(of: v)
                var style = cellStyle(t, theme: theme)
                if let d = highlightDiagonal, i - j == d { style.bold = true; style.underline = true }
                if boldValues { style.bold = true }
                grid.fill(clipped, with: depth == .monochrome ? shade(at: t) : " ", style: style)
                if showValues, cw >= 3, let text = v.isNaN ? "?" : formatCompact(v, width: cw - 2, decimals: decimals, format: language.numbers) {
                    // Blank a margin around the number so it stands clear of the shade characters.
                    let label = " " + text + " "
                    grid.put(label, x: rect.x + (cw - columnWidth(of: label)) / 2, y: middle, style: style, clip: area)
                }
                if isChanged(i, j), cw >= 3 {
                    // Changed since the last step or control move: a mark the eye finds first.
                    var mark = style
                    mark.bold = true
                    grid.put("•", x: rect.maxX - 1, y: rect.y, style: mark, clip: area)
                }
                if cursor == MatrixIndex(row: i, column: j) {
                    var mark = style
                    mark.bold = true
                    if cw >= 3 {
                        grid.put("[", x: rect.x, y: middle, style: mark, clip: area)
                        grid.put("]", x: rect.maxX - 1, y: middle, style: mark, clip: area)
                    } else {
                        grid.put("◆", x: rect.x, y: middle, style: mark, clip: area)
                    }
                }
            }
            if let sumsX = layout.sumsX {
                let sum = rowSum(i)
                let style = abs(sum - 1) < 1e-3 ? theme.success : theme.text
                grid.put(paddedText(sumText(i), width: sumsWidth, alignment: .right), x: sumsX, y: middle, style: style, clip: area)
            }
        }
    }

    /// Two rows per line: `▀` takes the upper row as foreground, the lower row as background.
    private func drawPacked(_ layout: HeatmapLayout, area: Rect, theme: Theme, grid: inout CellGrid) {
        let rows = layout.visibleRows
        for top in stride(from: rows.lowerBound, to: rows.upperBound, by: 2) {
            let y = layout.originY + (top - rows.lowerBound) / 2
            let bottom = top + 1 < rows.upperBound ? top + 1 : nil
            grid.put(paddedText(String(top), width: layout.originX - area.x - 1, alignment: .right),
                     x: area.x, y: y, style: theme.dimText, clip: area)
            for j in layout.visibleColumns {
                let x = layout.originX + (j - layout.visibleColumns.lowerBound) * layout.cellWidth
                var cell: Cell
                if depth == .monochrome {
                    // One character cannot hold two shades: show the brighter of the pair.
                    let ts = [top, bottom].compactMap { $0 }.filter { !isMasked(row: $0, column: j) }
                        .map { position(of: values[$0][j]) }
                    cell = Cell(ts.isEmpty ? "·" : shade(at: ts.max()!), style: ts.isEmpty ? theme.masked : theme.text)
                } else {
                    let upper = packedColor(top, j, theme: theme)
                    let lower = bottom.map { packedColor($0, j, theme: theme) } ?? theme.background
                    cell = Cell("▀", style: Style(foreground: upper, background: lower))
                }
                for dx in 0..<layout.cellWidth where area.x <= x + dx && x + dx < area.maxX && y < area.maxY {
                    grid[x + dx, y] = cell
                }
                if let cursor, cursor.column == j, cursor.row == top || cursor.row == bottom {
                    // One mark in the middle of the cell, the colour still around it.
                    let mark = Cell("◆", style: Style(foreground: theme.focus.foreground, background: cell.style.background, bold: true))
                    let mx = x + layout.cellWidth / 2
                    if area.x <= mx && mx < area.maxX && y < area.maxY { grid[mx, y] = mark }
                }
            }
        }
    }

    private func drawLegend(_ layout: HeatmapLayout, area: Rect, theme: Theme, grid: inout CellGrid) {
        guard let y = layout.legendY, y < area.maxY else { return }
        let r = valueRange
        var x = area.x
        if let quantity { x = grid.put(quantity + " ", x: x, y: y, style: theme.dimText, clip: area) }
        // The weights' fixed 0…1 scale reads as "0" and "1"; other ends at the values' precision.
        let unit = r == 0...1
        x = grid.put((unit ? "0" : formatFixed(r.lowerBound, decimals: 2, format: language.numbers)) + " ", x: x, y: y, style: theme.dimText, clip: area)
        let steps = max(2, min(16, (area.maxX - x - 8) / 2))
        for k in 0..<steps {
            let t = Double(k) / Double(steps - 1)
            if depth == .monochrome {
                grid.put(String(shade(at: t)), x: x, y: y, style: theme.text, clip: area)
            } else {
                grid.put(" ", x: x, y: y, style: cellStyle(t, theme: theme), clip: area)
            }
            x += 1
        }
        x = grid.put(" " + (unit ? "1" : formatFixed(r.upperBound, decimals: 2, format: language.numbers)), x: x, y: y, style: theme.dimText, clip: area)
        var notes: [String] = []
        func note(_ key: ScreenText, _ arguments: [String: String] = [:]) { notes.append(key.text(language, arguments)) }
        if diverging { note(.legendWhiteIsZero) }
        if changed?.joined().contains(true) == true, !layout.isHalfBlock { note(.legendChanged) }
        if let d = highlightDiagonal { note(.legendDiagonal, ["d": String(d)]) }
        if hasMaskedCells { note(.legendMasked, ["meaning": maskedMeaning]) }
        if showValues, !layout.isHalfBlock, !valuesFit(layout) { note(cursor == nil ? .legendTooNarrow : .legendCursorShowsValues) }
        if layout.isHalfBlock { note(.legendHalfBlocks) }
        if showRowSums && layout.isHalfBlock && (0..<rowCount).allSatisfy({ abs(rowSum($0) - 1) < 1e-3 }) {
            note(.legendRowsSumToOne)
        }
        for (key, shown, count) in [(ScreenText.legendRowsShown, layout.visibleRows, rowCount), (.legendColumnsShown, layout.visibleColumns, columnCount)]
        where shown.count < count {
            note(key, ["first": String(shown.lowerBound), "last": String(shown.upperBound - 1), "count": String(count)])
        }
        if !notes.isEmpty { grid.put("   " + notes.joined(separator: "   "), x: x, y: y, style: theme.dimText, clip: area) }
        for (n, line) in keyLines(mode: layout.labelMode, columns: layout.visibleColumns, width: area.width).enumerated() {
            grid.put(line, x: area.x, y: y + 1 + n, style: theme.dimText, clip: area)
        }
    }

    /// Whether every visible unmasked value could be printed in its cell at full precision.
    func valuesFit(_ layout: HeatmapLayout) -> Bool {
        let cw = layout.cellWidth
        guard cw >= 3 else { return false }
        for i in layout.visibleRows {
            for j in layout.visibleColumns where !isMasked(row: i, column: j) && values[i][j].isFinite {
                if formatCompact(values[i][j], width: cw - 2, decimals: valueDecimals, format: language.numbers) == nil { return false }
            }
        }
        return true
    }

    /// Colour-map background with black or white text, or plain text in monochrome (shades carry the value).
    private func cellStyle(_ t: Double, theme: Theme) -> Style {
        let map = diverging ? ColorMap.diverging : colorMap
        guard let background = map.color(at: t, depth: depth) else { return theme.text }
        return Style(foreground: background.readableText(depth: depth), background: background)
    }

    private func packedColor(_ row: Int, _ column: Int, theme: Theme) -> Color {
        if isMasked(row: row, column: column) { return theme.masked.foreground }
        return (diverging ? ColorMap.diverging : colorMap).color(at: position(of: values[row][column]), depth: depth) ?? .default
    }

    private func cursorLabel(_ theme: Theme) -> Style {
        var style = theme.focus
        style.underline = true
        return style
    }

    private var sumsWidth: Int { max(1, (0..<rowCount).map { sumText($0).count }.max() ?? 1) }
}
