/// Every head of a layer as a small map, the selected one marked, like BertViz's model view.
///
/// A map of T×T weights is drawn in half blocks (`▀`: the top half is one query row, the bottom
/// half the next), so it takes T columns (or 2T when there is room) and ⌈T/2⌉ lines; when the
/// heads do not fit, every map is pooled by the same factor k (the largest weight of each k×k
/// block, so a sharp head stays visible). Monochrome uses one line per row and shade characters.
struct HeadThumbnailsView {
    /// maps[h]: rows are queries, columns keys, values 0…1.
    var maps: [[[Float]]]
    /// The label over each map (`4`, `4·kv1`).
    var labels: [String]
    var selected: Int?
    var colorMap: ColorMap = .viridis
    var depth: ColorDepth = .direct
    var theme: Theme = .dark
    /// The line under the maps (what the colours mean, how to pick a head).
    var legend: String = ""
    var shortLegend: String = ""

    struct Layout: Equatable {
        /// Pooling factor: each drawn cell is a k×k block of weights.
        var pool: Int
        /// Terminal columns per drawn cell (1 or 2).
        var cellWidth: Int
        var columns: Int
        var thumbWidth: Int
        var thumbHeight: Int
        var rows: Int
        var height: Int { rows * thumbHeight + max(0, rows - 1) + 1 }
    }

    static let gap = 2

    var size: Int { maps.first?.count ?? 0 }

    /// The largest maps that fit `width` × `height`: pooling 1 first, double width when it fits.
    func layout(width: Int, height: Int) -> Layout? {
        let T = size
        guard T > 0, !maps.isEmpty, width > 0 else { return nil }
        let labelWidth = (labels.map { columnWidth(of: $0) }.max() ?? 1) + 2
        for pool in 1...T {
            let cells = (T + pool - 1) / pool
            for cellWidth in [2, 1] {
                let thumbWidth = max(cells * cellWidth, labelWidth)
                let columns = max(1, min(maps.count, (width + Self.gap) / (thumbWidth + Self.gap)))
                guard thumbWidth <= width else { continue }
                let lines = depth == .monochrome ? cells : (cells + 1) / 2
                let rows = (maps.count + columns - 1) / columns
                let layout = Layout(pool: pool, cellWidth: cellWidth, columns: columns, thumbWidth: thumbWidth, thumbHeight: 1 + lines, rows: rows)
                // Double-width cells only when they keep every head on screen in as few rows.
                if layout.height <= height, cellWidth == 1 || columns * 2 >= min(maps.count, 6) || rows == 1 { return layout }
            }
        }
        return nil
    }

    /// Lines the view needs at `width` with no pooling.
    func naturalHeight(width: Int) -> Int { layout(width: width, height: 10_000)?.height ?? 1 }

    func render(in area: Rect, grid: inout CellGrid) {
        guard let l = layout(width: area.width, height: area.height) else {
            grid.put("…", x: area.x, y: area.y, style: theme.dimText, clip: area)
            return
        }
        let T = size, cells = (T + l.pool - 1) / l.pool
        for (h, map) in maps.enumerated() {
            let x0 = area.x + (h % l.columns) * (l.thumbWidth + Self.gap)
            let y0 = area.y + (h / l.columns) * (l.thumbHeight + 1)
            let isSelected = h == selected
            var labelStyle = isSelected ? theme.focus : theme.dimText
            if isSelected { labelStyle.reverse = true; labelStyle.bold = true }
            let label = isSelected ? "▶" + labels[h] + "◀" : " " + labels[h] + " "
            grid.put(label, x: x0, y: y0, style: labelStyle, clip: area)
            // Pooled values: the largest weight of each block.
            let pooled = (0..<cells).map { r in
                (0..<cells).map { c -> Float in
                    var m: Float = 0
                    for i in (r * l.pool)..<min(T, (r + 1) * l.pool) { for j in (c * l.pool)..<min(T, (c + 1) * l.pool) { m = max(m, map[i][j]) } }
                    return m
                }
            }
            for c in 0..<cells {
                for cw in 0..<l.cellWidth {
                    let x = x0 + c * l.cellWidth + cw
                    if depth == .monochrome {
                        for r in 0..<cells {
                            var cell = Cell(shade(at: Double(pooled[r][c])), style: theme.text)
                            if isSelected { cell.style.bold = true }
                            put(cell, x, y0 + 1 + r, area, &grid)
                        }
                        continue
                    }
                    for line in 0..<((cells + 1) / 2) {
                        let top = pooled[2 * line][c]
                        let bottom: Float? = 2 * line + 1 < cells ? pooled[2 * line + 1][c] : nil
                        let fg = colorMap.color(at: Double(top), depth: depth) ?? .default
                        let bg = bottom.flatMap { colorMap.color(at: Double($0), depth: depth) } ?? theme.background
                        put(Cell("▀", style: Style(foreground: fg, background: bg)), x, y0 + 1 + line, area, &grid)
                    }
                }
            }
        }
        let legendY = area.y + l.rows * (l.thumbHeight + 1) - 1
        let text = columnWidth(of: legend) <= area.width ? legend : shortLegend
        if legendY < area.maxY { grid.put(text, x: area.x, y: legendY, style: theme.dimText, clip: area) }
    }

    private func put(_ cell: Cell, _ x: Int, _ y: Int, _ area: Rect, _ grid: inout CellGrid) {
        guard x >= area.x, x < area.maxX, y >= area.y, y < area.maxY else { return }
        grid[x, y] = cell
    }
}
