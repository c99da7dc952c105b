import LessonEngine

/// One query's softmax as horizontal bars: where its attention goes, key by key.
///
/// Each key gets a line: its label, the raw score q·k, the scaled score q·k/√d_k, a bar as long
/// as the value, and the value. Bars are proportional: on a fixed 0…1 scale while every value
/// lies in 0…1 (so bars compare across queries), else scaled to the largest magnitude, with
/// negative values drawn to the left of a `│` zero line. Masked keys show `-∞` scores and the
/// word "masked" instead of a bar. The last line is the sum, which a softmax makes 1 (green
/// when it is a softmax that sums to 1, plain for other rows). Score columns are dropped, raw
/// first, when the area is too narrow for a useful bar.
public struct SoftmaxRowView: Sendable {
    /// Key labels (tokens), one per weight.
    public var labels: [String]
    public var weights: [Float]
    /// Raw scores q·k (optional column).
    public var scores: [Float]?
    /// Scaled scores q·k/√d_k, what the softmax sees (optional column).
    public var scaledScores: [Float]?
    /// true = masked key.
    public var masked: [Bool]?
    public var title: String?
    /// The highlighted key, kept in view when there are more keys than lines.
    public var selected: Int?
    public var scoreTitle: String
    public var scaledTitle: String
    /// The header of the bar and value column: `weight`, or `q·k` when the row is scores.
    public var valueTitle: String
    /// Whether the row is a softmax, whose sum must be 1 (otherwise the sum is plain information).
    public var isDistribution: Bool
    public var decimals: Int
    public var depth: ColorDepth
    public var theme: Theme
    /// The language of the headers, and how numbers are written.
    public var language: Language

    public init(
        labels: [String], weights: [Float], scores: [Float]? = nil, scaledScores: [Float]? = nil,
        masked: [Bool]? = nil, title: String? = nil, selected: Int? = nil,
        scoreTitle: String = "q·k", scaledTitle: String = "/√d_k", valueTitle: String = "weight",
        isDistribution: Bool = true, decimals: Int = 2,
        depth: ColorDepth = .direct, theme: Theme = .dark, language: Language = .en
    ) {
        self.language = language
        self.valueTitle = valueTitle
        self.isDistribution = isDistribution
        self.labels = labels
        self.weights = weights
        self.scores = scores
        self.scaledScores = scaledScores
        self.masked = masked
        self.title = title
        self.selected = selected
        self.scoreTitle = scoreTitle
        self.scaledTitle = scaledTitle
        self.decimals = decimals
        self.depth = depth
        self.theme = theme
    }

    public func isMasked(_ j: Int) -> Bool {
        if let masked, j < masked.count, masked[j] { return true }
        return j < (scaledScores?.count ?? 0) && scaledScores![j] == -.infinity
    }

    /// Draws into `area` of `grid`.
    public func render(in area: Rect, grid: inout CellGrid) {
        let theme = theme.reduced(to: depth)
        var y = area.y
        if let title {
            grid.put(title, x: area.x, y: y, style: theme.title, clip: area)
            y += 1
        }
        let count = weights.count
        // As wide as the longest label or the header ("key", "ключ"), whichever is wider.
        let header = ScreenText.softmaxKeyHeader.text(language)
        let labelWidth = min(max(3, columnWidth(of: header), (0..<count).map { columnWidth(of: label($0)) }.max() ?? 0), max(3, area.width / 4))
        let numbers = language.numbers
        let valueWidth = max(6, (0..<count).map { formatFixed(weights[$0], decimals: decimals, format: numbers).count }.max() ?? 0)

        // Number columns that fit while leaving a bar of at least 8 cells; raw scores go first.
        var columns: [(title: String, values: [Float])] = []
        if let scores { columns.append((scoreTitle, scores)) }
        if let scaledScores { columns.append((scaledTitle, scaledScores)) }
        func widthOf(_ column: (title: String, values: [Float])) -> Int {
            max(columnWidth(of: column.title), column.values.map { formatFixed($0, decimals: decimals, format: numbers).count }.max() ?? 0) + 2
        }
        func barWidth() -> Int { area.width - labelWidth - columns.map(widthOf).reduce(0, +) - 2 - valueWidth }
        while barWidth() < 8 && !columns.isEmpty { columns.removeFirst() }
        // Past 40 cells a longer bar shows nothing new and pushes the weights far from the labels.
        let bar = max(1, min(40, barWidth()))
        let rowEnd = area.x + labelWidth + columns.map(widthOf).reduce(0, +) + 2 + bar + valueWidth
        let scale = BarScale(values: (0..<count).filter { !isMasked($0) }.map { weights[$0] }, width: bar)

        // Header.
        var x = grid.put(paddedText(header, width: labelWidth), x: area.x, y: y, style: theme.dimText, clip: area)
        for column in columns {
            x = grid.put(paddedText(column.title, width: widthOf(column), alignment: .right), x: x, y: y, style: theme.dimText, clip: area)
        }
        grid.put(paddedText(valueTitle, width: bar + 2 + valueWidth, alignment: .right), x: x, y: y, style: theme.dimText, clip: area)
        y += 1

        // One line per key, a window around the selection when they do not all fit.
        let room = area.maxY - y - 1  // the last line is the sum
        let visible = visibleWindow(count: count, capacity: max(0, count <= room ? room : room - 1), focus: selected)
        for j in visible {
            let masked = isMasked(j)
            let rowStyle = masked ? theme.masked : theme.text
            let labelStyle = selected == j ? Style(foreground: theme.focus.foreground, background: theme.focus.background, bold: true, underline: true) : theme.text
            x = grid.put(paddedText(label(j), width: labelWidth), x: area.x, y: y, style: labelStyle, clip: area)
            for column in columns {
                let v = masked ? -Float.infinity : (j < column.values.count ? column.values[j] : .nan)
                x = grid.put(paddedText(formatFixed(v, decimals: decimals, format: numbers), width: widthOf(column), alignment: .right),
                             x: x, y: y, style: rowStyle, clip: area)
            }
            x += 2
            if masked {
                grid.put(paddedText(ScreenText.softmaxMasked.text(language), width: bar), x: x, y: y, style: theme.masked, clip: area)
            } else {
                grid.put(scale.text(weights[j]), x: x, y: y, style: theme.accent, clip: area)
                if let zero = scale.zeroColumn { grid.put("│", x: x + zero, y: y, style: theme.dimText, clip: area) }
            }
            grid.put(paddedText(formatFixed(masked ? 0 : weights[j], decimals: decimals, format: numbers), width: valueWidth, alignment: .right),
                     x: x + bar, y: y, style: rowStyle, clip: area)
            y += 1
        }
        if visible.count < count {
            grid.put("⋮ " + ScreenText.moreRows.text(language, ["count": String(count - visible.count)]), x: area.x, y: y, style: theme.dimText, clip: area)
            y += 1
        }

        // The sum, right-aligned under the weights.
        let sum = (0..<count).reduce(Float(0)) { isMasked($1) || !weights[$1].isFinite ? $0 : $0 + weights[$1] }
        let sumText = "Σ = " + formatFixed(sum, decimals: decimals, format: numbers)
        let sumStyle = !isDistribution ? theme.text : abs(sum - 1) < 1e-3 ? theme.success : theme.error
        if y < area.maxY {
            grid.put(sumText, x: max(area.x, rowEnd - columnWidth(of: sumText)), y: y, style: sumStyle, clip: area)
        }
    }

    private func label(_ j: Int) -> String { j < labels.count ? labels[j] : String(j) }
}

/// A bar of `value` (0…1, clamped) × `width` cells in eighths, padded with spaces to `width`.
public func barText(_ value: Float, width: Int) -> String {
    guard width > 0 else { return "" }
    let eighths = value.isFinite ? Int((min(1, max(0, value)) * Float(width * 8)).rounded()) : 0
    let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    var text = String(repeating: "█", count: eighths / 8)
    if eighths % 8 > 0 { text.append(partials[eighths % 8 - 1]) }
    return text + String(repeating: " ", count: width - text.count)
}

/// How a row of bars maps values to cells: 0…1 over the whole width while every value lies in
/// 0…1, else the largest magnitude, with a zero line when some values are negative.
public struct BarScale: Sendable {
    public let width: Int
    /// The column of the `│` zero line, nil when no value is negative (bars then start at 0).
    public let zeroColumn: Int?
    /// Cells per unit of value.
    public let cellsPerUnit: Double

    public init(values: [Float], width: Int) {
        let finite = values.filter(\.isFinite)
        let positive = Double(max(0, finite.max() ?? 0)), negative = Double(max(0, -(finite.min() ?? 0)))
        self.width = max(0, width)
        if negative == 0 {
            zeroColumn = nil
            cellsPerUnit = Double(self.width) / max(1, positive)
        } else {
            // One cell for the zero line; the rest split in proportion to the two extremes.
            let room = Double(max(1, self.width - 1))
            let span = negative + positive
            let left = max(1, Int((room * negative / max(span, 1e-9)).rounded()))
            zeroColumn = min(self.width - 1, left)
            cellsPerUnit = Double(left) / negative
        }
    }

    /// The bar for `value`, exactly `width` cells wide.
    public func text(_ value: Float) -> String {
        guard width > 0 else { return "" }
        guard value.isFinite else { return String(repeating: " ", count: width) }
        let zero = zeroColumn ?? 0
        let start = zeroColumn.map { $0 + 1 } ?? 0
        if value >= 0 {
            let bar = barText(Float(Double(value) * cellsPerUnit / Double(max(1, width - start))), width: width - start)
            return String(repeating: " ", count: start) + bar
        }
        // Left of the zero line, in half cells: Unicode has no right-aligned eighths but ▐.
        let halves = min(2 * zero, Int((Double(-value) * cellsPerUnit * 2).rounded()))
        var left = String(repeating: "█", count: halves / 2)
        if halves % 2 == 1 { left = "▐" + left }
        return String(repeating: " ", count: zero - left.count) + left + String(repeating: " ", count: width - zero)
    }
}
