import Foundation
import LessonEngine

/// One 2-D slice of a vector before and after a rotary (RoPE) rotation.
public struct RotationPair: Hashable, Sendable {
    public var before: SIMD2<Double>
    public var after: SIMD2<Double>
    /// What the pair is, e.g. "i=0 θ=1.00".
    public var label: String
    /// The same pair at several positions (a fan: m = 0, 1, 2, …), each with its label; empty
    /// for a single rotation.
    public var fan: [(position: String, vector: SIMD2<Double>)] = []
    /// The angle from `before` to `after` as the scene means it, past ±π when it turned that
    /// far (a key and a query 5 positions apart at θ = 1 are 5 rad apart, not −1.28); nil: `angle`.
    public var turned: Double?
    /// The line under the label in place of `∠ angle` (a query and key plot writes `∠ = 2·θ₀ = +114.6°`).
    public var caption: String?

    public init(before: SIMD2<Double>, after: SIMD2<Double>, label: String) {
        self.before = before
        self.after = after
        self.label = label
    }

    public static func == (a: RotationPair, b: RotationPair) -> Bool {
        a.before == b.before && a.after == b.after && a.label == b.label && a.turned == b.turned && a.caption == b.caption
            && a.fan.map(\.position) == b.fan.map(\.position) && a.fan.map(\.vector) == b.fan.map(\.vector)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(before)
        hasher.combine(after)
        hasher.combine(label)
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

/// What a rotation plot compares.
public enum RotationPlotMode: Sendable, Equatable {
    /// One row's pairs before rotation (m = 0) and after it (at m).
    case beforeAfter
    /// A key rotated to position n (`before`) and a query rotated to position m (`after`) on one
    /// circle, with the angle between them, (m − n)·θ_i: shift both by the same offset and both
    /// arrows turn while the angle stays, which is why the score depends only on m − n.
    case queryAndKey(m: Int, n: Int)
}

/// RoPE made visible, as the standard figures draw it: each pair of dimensions rotating in its
/// own plane, one frequency per pair.
///
/// Each plot is the circle the pair's tip moves on, the vector before rotation (m = 0) and
/// after it (at m) as straight arrows from the centre, the angle m·θ_i as an arc between them,
/// and, when the pair carries a fan, the tip's place at every position m = 0, 1, 2, … marked
/// with its number on the circle: the fast pair's numbers spread round the circle, the slow
/// pair's crowd together. Plots share one scale (the longest vector), so rotation visibly keeps
/// lengths. Before is drawn in the secondary accent, after in the accent; in monochrome
/// "before" is dotted, and a legend line says which is which.
public struct RotationPlotView: Sendable {
    public var pairs: [RotationPair]
    public var title: String?
    public var depth: ColorDepth
    public var theme: Theme
    /// The language of the legend, and how angles are written.
    public var language: Language = .en
    /// Before/after of one row, or a query and a key side by side on each circle.
    public var mode: RotationPlotMode = .beforeAfter

    public init(pairs: [RotationPair], title: String? = nil, depth: ColorDepth = .direct, theme: Theme = .dark) {
        self.pairs = pairs
        self.title = title
        self.depth = depth
        self.theme = theme
    }

    /// Lines under each plot: label and angle, then a blank line before the next row. Plots are
    /// up to 20 lines tall: on a projector the circle must read from the back of the room.
    private static let captionLines = 2
    private static let gap = 3

    /// The plot size in cells (width, height) and plots per row chosen for `area`.
    public func plotSize(in area: Rect) -> (width: Int, height: Int, perRow: Int) {
        let n = max(1, pairs.count)
        for height in stride(from: 20, through: 2, by: -1) {
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
        switch mode {
        case .beforeAfter:
            x = grid.put((mono ? "⠂⠂⠂ " : "⠒⠒⠒ ") + ScreenText.ropeBefore.text(language), x: x, y: area.y, style: theme.secondaryAccent, clip: area)
            x = grid.put("   ⠒⠒⠒ " + ScreenText.ropeAfter.text(language), x: x, y: area.y, style: theme.accent, clip: area)
        case .queryAndKey(let m, let n):
            // q first, as the score q_m·k_n is written; the arc's colour names the angle.
            x = grid.put("⠒⠒⠒ " + ScreenText.ropeQueryAt.text(language, ["m": String(m)]), x: x, y: area.y, style: theme.accent, clip: area)
            x = grid.put("   " + (mono ? "⠂⠂⠂ " : "⠒⠒⠒ ") + ScreenText.ropeKeyAt.text(language, ["n": String(n)]), x: x, y: area.y, style: theme.secondaryAccent, clip: area)
            x = grid.put("   ◠ " + ScreenText.ropeAngleBetween.text(language), x: x, y: area.y, style: arcStyle(theme), clip: area)
        }
        if pairs.contains(where: { !$0.fan.isEmpty }) {
            grid.put("   " + ScreenText.ropeFan.text(language), x: x, y: area.y, style: theme.dimText, clip: area)
        }

        let (width, height, perRow) = plotSize(in: area)
        let shared = pairs.flatMap { [length($0.before), length($0.after)] }.max() ?? 1
        let captions = pairs.map { pair -> (label: String, angle: String) in
            let degrees = (pair.turned ?? pair.angle) * 180 / .pi
            let angle = (degrees >= 0 ? "+" : "") + formatFixed(Float(degrees), decimals: 1, format: language.numbers) + "°"
            return (pair.label, pair.caption ?? "∠ " + angle)
        }
        // Small plots (a view squeezed to a few lines) spread out so their captions fit beside
        // them; plots whose captions fit under them stay packed.
        let needed = captions.flatMap { [columnWidth(of: $0.label), columnWidth(of: $0.angle)] }.max() ?? 0
        let stride = max(width + Self.gap, min(area.width / perRow, needed + 1))
        for (n, pair) in pairs.enumerated() {
            // Before/after share one scale, so rotation visibly keeps lengths; a query and a key
            // are about the angle between them, which reads best on a full-size circle each.
            let radius = mode == .beforeAfter ? shared : max(length(pair.before), length(pair.after))
            let slot = stride > width + Self.gap ? stride - 1 : width
            let px = area.x + (n % perRow) * stride + (slot - width) / 2
            let py = area.y + 1 + (n / perRow) * (height + Self.captionLines + 1)
            guard py < area.maxY else { break }
            var canvas = BrailleCanvas(width: width, height: height)
            drawPlot(pair, radius: radius > 0 ? radius : 1, on: &canvas, theme: theme, mono: mono)
            canvas.render(atX: px, y: py, grid: &grid, style: theme.text, clip: area)
            drawFan(pair, radius: radius > 0 ? radius : 1, plot: Rect(x: px, y: py, width: width, height: height), theme: theme, grid: &grid, clip: area)
            let captionX = px - (slot - width) / 2
            grid.put(paddedText(captions[n].label, width: slot, alignment: .center), x: captionX, y: py + height, style: theme.text, clip: area)
            grid.put(paddedText(captions[n].angle, width: slot, alignment: .center), x: captionX, y: py + height + 1, style: theme.dimText, clip: area)
        }
    }

    /// The circle, the angle arc, then before and after (after last, so it wins where they overlap).
    private func drawPlot(_ pair: RotationPair, radius: Double, on canvas: inout BrailleCanvas, theme: Theme, mono: Bool) {
        let cx = Double((canvas.pixelWidth - 1) / 2), cy = Double((canvas.pixelHeight - 1) / 2)
        let scale = (min(cx, cy) - 1) / radius
        func pixel(_ v: SIMD2<Double>) -> (x: Double, y: Double) { (cx + v.x * scale, cy - v.y * scale) }

        // The circle the tip moves on: rotation keeps the length.
        let r = length(pair.before) * scale
        if r >= 2 {
            let steps = max(12, Int(r * 5))
            for k in 0..<steps where k % 2 == 0 {
                let a = 2 * Double.pi * Double(k) / Double(steps)
                canvas.set(Int((cx + cos(a) * r).rounded()), Int((cy - sin(a) * r).rounded()), color: theme.border.foreground)
            }
        }
        canvas.set(Int(cx), Int(cy), color: theme.text.foreground)

        // The arc m·θ_i from before to after, at half the radius.
        let arcRadius = max(2, r / 2)
        if r >= 4 {
            let start = atan2(pair.before.y, pair.before.x)
            let turned = unwrappedAngle(pair)
            let steps = max(2, Int(abs(turned) * arcRadius * 1.5))
            for k in 0...steps {
                let a = start + turned * Double(k) / Double(steps)
                canvas.set(Int((cx + cos(a) * arcRadius).rounded()), Int((cy - sin(a) * arcRadius).rounded()), color: arcStyle(theme).foreground)
            }
        }
        arrow(to: pixel(pair.before), from: (cx, cy), on: &canvas, color: theme.secondaryAccent.foreground, dotted: mono)
        arrow(to: pixel(pair.after), from: (cx, cy), on: &canvas, color: theme.accent.foreground, dotted: false)
    }

    /// The arc's colour: the focus colour for a rotation; for the angle between a query and a
    /// key, one unlike both arrows (the focus yellow is too close to the query's accent).
    private func arcStyle(_ theme: Theme) -> Style {
        mode == .beforeAfter ? theme.focus : theme.code
    }

    /// The angle turned, the long way round when the scene says the rotation went past ±π
    /// (once round at most: more would draw over itself).
    private func unwrappedAngle(_ pair: RotationPair) -> Double {
        guard let turned = pair.turned else { return pair.angle }
        return max(-2 * .pi, min(2 * .pi, turned))
    }

    /// The fan's position numbers, drawn as text just outside the circle at each tip.
    private func drawFan(_ pair: RotationPair, radius: Double, plot: Rect, theme: Theme, grid: inout CellGrid, clip: Rect) {
        guard !pair.fan.isEmpty else { return }
        let pixelWidth = Double(plot.width * 2), pixelHeight = Double(plot.height * 4)
        let cx = (pixelWidth - 1).rounded(.down) / 2, cy = (pixelHeight - 1).rounded(.down) / 2
        let scale = (min(cx, cy) - 1) / radius
        var taken = Set<Int>()
        for (position, v) in pair.fan {
            let len = length(v)
            guard len > 0 else { continue }
            let out = (length(v) * scale + 4) / len
            let px = cx + v.x * out, py = cy - v.y * out
            let col = min(plot.maxX - columnWidth(of: position), max(plot.x, plot.x + Int((px / 2).rounded(.down))))
            let row = min(plot.maxY - 1, max(plot.y, plot.y + Int((py / 4).rounded(.down))))
            let key = row * 10_000 + col
            guard col >= plot.x, col < plot.maxX, row >= plot.y, row < plot.maxY, !taken.contains(key) else { continue }
            taken.insert(key)
            grid.put(position, x: col, y: row, style: theme.dimText, clip: clip)
        }
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
