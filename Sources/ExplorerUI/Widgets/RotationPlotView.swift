import Foundation

/// One 2-D slice of a vector before and after a rotary (RoPE) rotation.
public struct RotationPair: Hashable, Sendable {
    public var before: SIMD2<Double>
    public var after: SIMD2<Double>
    /// What the pair is, e.g. "i=0 θ=1.00".
    public var label: String

    public init(before: SIMD2<Double>, after: SIMD2<Double>, label: String) {
        self.before = before
        self.after = after
        self.label = label
    }

    public init(before: (x: Double, y: Double), after: (x: Double, y: Double), label: String) {
        self.init(before: SIMD2(before.x, before.y), after: SIMD2(after.x, after.y), label: label)
    }

    /// The angle from `before` to `after` in radians, in (−π, π]; positive is anticlockwise.
    public var angle: Double {
        var delta = atan2(after.y, after.x) - atan2(before.y, before.x)
        while delta <= -.pi { delta += 2 * .pi }
        while delta > .pi { delta -= 2 * .pi }
        return delta
    }
}

/// RoPE made visible: each pair of dimensions as a small plot with axes, the vector before
/// rotation and after it, and the angle between them.
///
/// Plots share one scale (the longest vector of all), so the eye sees that rotation keeps
/// lengths and that higher pairs turn less. Before is drawn in the secondary accent, after in
/// the accent; in monochrome "before" is dotted, and a legend line says which is which.
/// Plots are laid out in rows, as large as the area allows (up to 12 lines each).
public struct RotationPlotView: Sendable {
    public var pairs: [RotationPair]
    public var title: String?
    public var depth: ColorDepth
    public var theme: Theme

    public init(pairs: [RotationPair], title: String? = nil, depth: ColorDepth = .direct, theme: Theme = .dark) {
        self.pairs = pairs
        self.title = title
        self.depth = depth
        self.theme = theme
    }

    /// Lines under each plot: label and angle, then a blank line before the next row.
    private static let captionLines = 2
    private static let gap = 3

    /// The plot size in cells (width, height) and plots per row chosen for `area`.
    public func plotSize(in area: Rect) -> (width: Int, height: Int, perRow: Int) {
        let n = max(1, pairs.count)
        for height in stride(from: 12, through: 2, by: -1) {
            let width = 2 * height + 1  // a dot is square, a cell is 2×4 dots: twice as wide in cells
            let perRow = max(1, min(n, (area.width + Self.gap) / (width + Self.gap)))
            let rows = (n + perRow - 1) / perRow
            if 1 + rows * (height + Self.captionLines + 1) - 1 <= area.height && width <= area.width {
                return (width, height, perRow)
            }
        }
        return (5, 2, max(1, (area.width + Self.gap) / (5 + Self.gap)))
    }

    public func render(in area: Rect, grid: inout CellGrid) {
        let theme = theme.reduced(to: depth)
        let mono = depth == .monochrome
        var x = area.x
        if let title { x = grid.put(title + "  ", x: x, y: area.y, style: theme.title, clip: area) }
        x = grid.put(mono ? "⠂⠂⠂ before" : "⠒⠒⠒ before", x: x, y: area.y, style: theme.secondaryAccent, clip: area)
        grid.put("   ⠒⠒⠒ after", x: x, y: area.y, style: theme.accent, clip: area)

        let (width, height, perRow) = plotSize(in: area)
        let radius = pairs.flatMap { [length($0.before), length($0.after)] }.max() ?? 1
        for (n, pair) in pairs.enumerated() {
            let px = area.x + (n % perRow) * (width + Self.gap)
            let py = area.y + 1 + (n / perRow) * (height + Self.captionLines + 1)
            guard py < area.maxY else { break }
            var canvas = BrailleCanvas(width: width, height: height)
            drawPlot(pair, radius: radius > 0 ? radius : 1, on: &canvas, theme: theme, mono: mono)
            canvas.render(atX: px, y: py, grid: &grid, style: theme.text, clip: area)
            let degrees = pair.angle * 180 / .pi
            let angle = (degrees >= 0 ? "+" : "") + formatFixed(Float(degrees), decimals: 1) + "°"
            grid.put(paddedText(pair.label, width: width, alignment: .center), x: px, y: py + height, style: theme.text, clip: area)
            grid.put(paddedText("∠ " + angle, width: width, alignment: .center), x: px, y: py + height + 1, style: theme.dimText, clip: area)
        }
    }

    /// Axes, the angle arc, then before and after (after last, so it wins where they overlap).
    private func drawPlot(_ pair: RotationPair, radius: Double, on canvas: inout BrailleCanvas, theme: Theme, mono: Bool) {
        let cx = Double((canvas.pixelWidth - 1) / 2), cy = Double((canvas.pixelHeight - 1) / 2)
        let scale = (min(cx, cy) - 1) / radius
        func pixel(_ v: SIMD2<Double>) -> (x: Double, y: Double) { (cx + v.x * scale, cy - v.y * scale) }

        let axis = theme.dimText.foreground
        canvas.line(from: (0, cy), to: (Double(canvas.pixelWidth - 1), cy), color: axis, dotted: true)
        canvas.line(from: (cx, 0), to: (cx, Double(canvas.pixelHeight - 1)), color: axis, dotted: true)

        // The arc from before to after, at a third of the radius, shows the angle turned.
        let arcRadius = (min(cx, cy) - 1) / 3
        if arcRadius >= 3 {
            let start = atan2(pair.before.y, pair.before.x)
            let steps = max(2, Int(abs(pair.angle) * arcRadius * 2))
            for k in 0...steps {
                let a = start + pair.angle * Double(k) / Double(steps)
                canvas.set(Int((cx + cos(a) * arcRadius).rounded()), Int((cy - sin(a) * arcRadius).rounded()), color: theme.focus.foreground)
            }
        }
        arrow(to: pixel(pair.before), from: (cx, cy), on: &canvas, color: theme.secondaryAccent.foreground, dotted: mono)
        arrow(to: pixel(pair.after), from: (cx, cy), on: &canvas, color: theme.accent.foreground, dotted: false)
    }

    /// A line with a two-stroke head at `tip`, when the line is long enough to carry one.
    private func arrow(to tip: (x: Double, y: Double), from origin: (x: Double, y: Double), on canvas: inout BrailleCanvas, color: Color, dotted: Bool) {
        canvas.line(from: origin, to: tip, color: color, dotted: dotted)
        let dx = tip.x - origin.x, dy = tip.y - origin.y
        let length = (dx * dx + dy * dy).squareRoot()
        guard length >= 6 else { return }
        let head = min(3, length / 3)
        let direction = atan2(dy, dx)
        for side in [-0.5, 0.5] {
            let a = direction + .pi + side
            canvas.line(from: tip, to: (tip.x + cos(a) * head, tip.y + sin(a) * head), color: color)
        }
    }
}

private func length(_ v: SIMD2<Double>) -> Double { (v.x * v.x + v.y * v.y).squareRoot() }
