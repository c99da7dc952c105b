import Foundation
import LessonEngine

/// How a computed scene is drawn: colours, theme, and the learner's cursor.
public struct SceneStyle: Sendable {
    public var depth: ColorDepth
    public var theme: Theme
    /// The heatmap cell under the learner's cursor.
    public var cursor: MatrixIndex?
    /// Which stage of a pipeline view is shown on its own when the stages do not fit side by side.
    public var pipelineStage: Int
    /// The colour map of heatmaps.
    public var colorMap: ColorMap
    /// The query a control selects, marked `▶` on attention maps (nil when no control does).
    public var selectedQuery: Int?
    /// The scene shown before the last change: cells whose value differs from it are marked.
    public var previous: ComputedScene?
    /// The change came from a control (mark every changed cell) rather than a step move (mark
    /// only when part of the tensor changed: a wholly new matrix is a new picture, not a change).
    public var changeFromControl = false
    /// Presenter mode: wider cells, values in bold, for the back of the lecture hall.
    public var presenter = false
    /// The language of labels and legends, and how numbers are written.
    public var language: Language = .en

    public init(depth: ColorDepth = .direct, theme: Theme = .dark, cursor: MatrixIndex? = nil, pipelineStage: Int = 0, colorMap: ColorMap = .viridis, language: Language = .en) {
        self.language = language
        self.colorMap = colorMap
        self.depth = depth
        self.theme = theme
        self.cursor = cursor
        self.pipelineStage = pipelineStage
    }
}

/// Draws the views of a computed scene with the widgets; used by the explorer and `attn print`.
public struct SceneRenderer: Sendable {
    public var scene: ComputedScene
    public var style: SceneStyle

    public init(scene: ComputedScene, style: SceneStyle) {
        self.scene = scene
        self.style = style
    }

    /// The views worth drawing (prose views draw nothing here: the prose is drawn beside them).
    public var drawableViews: [ResolvedView] { scene.views.filter { $0.kind != .prose } }

    /// Rows a view would like at `width` columns: what its content needs to show in full.
    public func preferredHeight(of view: ResolvedView, width: Int) -> Int {
        // Callers draw the title on the box border and render the view without it.
        let titleLine = 0
        switch view.kind {
        case .heatmap:
            guard let t = tensor(view.tensors.first) else { return 1 }
            // One line per row; spare lines make the cells taller (`canGrow`).
            return titleLine + heatmapHeight(t, width: width, cellHeight: 1)
        case .softmaxRow:
            return titleLine + (tensor(view.tensors.first)?.columns ?? 1) + 2
        case .matrix, .vectors:
            return titleLine + view.tensors.compactMap { tensor($0) }.map(tableHeight).reduce(0) { $0 + $1 + 1 } - 1
        case .rope: return titleLine + 16
        case .pipeline:
            let stages = view.tensors.compactMap { tensor($0) }
            return titleLine + 1 + (stages.map { $0.rank == 2 && $0.key.name != "output" ? heatmapHeight($0, width: 26, cellHeight: 1) : tableHeight($0) }.max() ?? 1)
        case .heads: return headThumbnails(view)?.naturalHeight(width: width) ?? 1
        case .prose: return 0
        }
    }

    /// The least a view needs to show something useful (a packed heatmap, a few rows of a table).
    public func minimumHeight(of view: ResolvedView, width: Int) -> Int {
        // Callers draw the title on the box border and render the view without it.
        let titleLine = 0
        switch view.kind {
        case .heatmap:
            let rows = tensor(view.tensors.first)?.rows ?? 1
            return titleLine + min((rows + 1) / 2, 8) + 3
        case .softmaxRow: return titleLine + min(4, (tensor(view.tensors.first)?.columns ?? 1)) + 2
        case .matrix, .vectors: return titleLine + min(preferredHeight(of: view, width: width) - titleLine, 4)
        case .rope: return titleLine + 6
        case .pipeline: return titleLine + 7
        case .heads: return min(preferredHeight(of: view, width: width), 6)
        case .prose: return 0
        }
    }

    /// Whether a view draws better with more rows than it asked for (heatmaps: taller cells).
    public func canGrow(_ view: ResolvedView) -> Bool { view.kind == .heatmap || view.kind == .rope || view.kind == .pipeline }

    /// Lines a heatmap of `t` takes with cells `cellHeight` lines tall: axis title, labels,
    /// rows, gap, legend, and a key line when labels are long.
    func heatmapHeight(_ t: NamedTensor, width: Int, cellHeight: Int) -> Int {
        let rows = t.rank == 1 ? 1 : t.rows
        let keyLines = (t.columnLabels ?? []).map { columnWidth(of: $0) }.max().map { $0 > 8 ? 1 : 0 } ?? 0
        return 2 + rows * (rows > 8 ? 1 : cellHeight) + 2 + keyLines
    }

    /// Lines a table of `t` takes: title, column labels, rows.
    func tableHeight(_ t: NamedTensor) -> Int { matrixTable(t).naturalSize.height }

    /// Draws `view` in `area`. Returns the heatmap layout when the view is a heatmap.
    @discardableResult
    public func render(_ view: ResolvedView, in area: Rect, grid: inout CellGrid) -> HeatmapLayout? {
        guard !area.isEmpty else { return nil }
        switch view.kind {
        case .heatmap:
            guard let t = tensor(view.tensors.first) else { return nil }
            return heatmap(t, title: view.title.isEmpty ? nil : view.title, cursor: style.cursor).render(in: area, grid: &grid)
        case .softmaxRow:
            guard let t = tensor(view.tensors.first) else { return nil }
            softmaxRow(t, query: view.query ?? 0, head: view.head, title: view.title.isEmpty ? nil : view.title).render(in: area, grid: &grid)
        case .matrix, .vectors:
            var y = area.y
            for name in view.tensors {
                guard let t = tensor(name), y < area.maxY else { continue }
                var table = matrixTable(t)
                // One tensor: the box title names it; a vector's own name is its row label.
                if view.tensors.count == 1 { table.title = t.rank <= 1 ? nil : t.shapeText }
                let h = min(area.maxY - y, table.naturalSize.height)
                table.render(in: Rect(x: area.x, y: y, width: area.width, height: h), grid: &grid)
                y += h + 1
            }
        case .rope:
            guard let before = tensor(view.tensors.first) else { return nil }
            let after = view.tensors.count > 1 ? tensor(view.tensors[1]) : nil
            if let keyRow = view.keyRow, let after {
                queryKeyPlot(before: before, rotated: after, query: view.query ?? 0, key: keyRow, title: view.title).render(in: area, grid: &grid)
            } else {
                rotationPlot(before: before, after: after, row: view.query ?? 0, title: view.title).render(in: area, grid: &grid)
            }
        case .pipeline:
            renderPipeline(view, in: area, grid: &grid)
        case .heads:
            headThumbnails(view)?.render(in: area, grid: &grid)
        case .prose:
            break
        }
        return nil
    }

    // MARK: Widgets from tensors

    func tensor(_ name: String?) -> NamedTensor? { name.flatMap { scene[$0] } }

    /// The `masked` tensor that goes with a weights/scores tensor (same stage and head).
    ///
    /// One rule for every op: a cell is masked where the head's `masked` scores are −∞, or, for
    /// ops that keep no per-head scores (`multiHead`), where the scene's 0/1 `mask` is 0.
    func maskedCells(for t: NamedTensor) -> [[Bool]]? {
        // The 0/1 mask is shown as it is: its 0s are what masks, not masked themselves.
        if t.key.name == "mask" { return nil }
        if let masked = related("masked", to: t.key), masked.shape == t.shape {
            return masked.matrixRows.map { $0.map { $0 == -.infinity } }
        }
        guard let mask = related("mask", to: t.key), mask.shape == t.shape else { return nil }
        return mask.matrixRows.map { $0.map { $0 == 0 } }
    }

    /// Tensors whose rows are queries and columns keys: every attention-shaped matrix.
    static let attentionShaped: Set<String> = ["scores", "scaled", "masked", "weights", "row", "causalWeights", "mask", "bias",
                                               "scoresUnrotated", "matches", "expScores"]
    static let weightNames: Set<String> = ["weights", "row", "causalWeights"]

    /// What a computed tensor is, without its stage and head: `weights` for `attn.weights[2]`.
    func baseName(_ name: String) -> String { scene[name]?.key.name ?? name }

    /// The result `name` of the same stage and head as `key` (the `scores` of `weights[2]`),
    /// else the stage's result without a head (the one `mask` of a multi-head scene).
    func related(_ name: String, to key: ResultKey) -> NamedTensor? {
        scene[key: key.sibling(name)] ?? scene[key: ResultKey(stage: key.stage, name: name, layer: key.layer)]
    }

    /// What a student reads for tensor `name`.
    public func display(_ name: String) -> TensorDisplay { tensorDisplayText(name, in: scene, language) }

    var language: Language { style.language }

    private func word(_ key: ScreenText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }

    /// The selected query, when a control selects one (`query`), for marking its row.
    var selectedQuery: Int? { style.selectedQuery }

    func heatmap(_ t: NamedTensor, title: String?, cursor: MatrixIndex?) -> HeatmapView {
        let base = baseName(t.name)
        let isWeights = Self.weightNames.contains(base)
        let rows = t.rank == 1 ? [t.scalars] : t.matrixRows
        let attentionShaped = Self.attentionShaped.contains(base)
        let signed = !isWeights && base != "mask" && rows.joined().contains { $0.isFinite && $0 < 0 }
        var view = HeatmapView(
            values: rows, masked: maskedCells(for: t),
            rowLabels: displayLabels(t.rowLabels) ?? (0..<rows.count).map(String.init),
            columnLabels: displayLabels(t.columnLabels) ?? (0..<(rows.first?.count ?? 0)).map(String.init),
            title: title, range: isWeights ? 0...1 : nil, colorMap: style.colorMap, depth: style.depth, theme: style.theme, cursor: cursor,
            showRowSums: isWeights, showValues: true, showLegend: true,
            rowAxisTitle: word(attentionShaped ? .axisQuery : .axisRow), columnAxisTitle: word(attentionShaped ? .axisKey : .axisColumn))
        view.language = language
        view.diverging = signed
        view.maskedMeaning = isWeights ? word(.maskedMeansWeightZero) : "−∞"
        view.showMaskedValue = !isWeights
        // The legend says what the colours are: weights, the mask's two values, or the tensor.
        let short = display(t.name).name
        view.quantity = isWeights ? word(.quantityWeight) : base == "mask" ? word(.maskLegend) : columnWidth(of: short) <= 16 ? short + ":" : nil
        if base == "mask" { view.range = 0...1 }
        if attentionShaped, let q = selectedQuery, q < rows.count, rows.count > 1 { view.markedRow = q }
        view.changed = changedCells(t)
        if style.presenter { view.boldValues = true; view.minimumCellWidth = 8 }
        // RoPE's score map: the cursor's diagonal, where m − n and hence the score are the same.
        if scene["X_rot"] != nil, base == "scores" || base == "scoresUnrotated", let c = cursor ?? style.cursor { view.highlightDiagonal = c.row - c.column }
        return view
    }

    /// Cells of `t` whose value differs from the same tensor in the previous scene (nil when
    /// there is none of that shape, or nothing changed).
    func changedCells(_ t: NamedTensor) -> [[Bool]]? {
        guard let old = style.previous?[t.name], old.shape == t.shape, !old.hasSameValues(as: t), t.rank == 2 else { return nil }
        let a = old.matrixRows, b = t.matrixRows
        let changed = zip(a, b).map { zip($0, $1).map { x, y in x.isFinite || y.isFinite ? abs(x - y) > 5e-3 || x.isFinite != y.isFinite : false } }
        let count = changed.joined().filter { $0 }.count, total = changed.joined().count
        if count == 0 || (!style.changeFromControl && 2 * count > total) { return nil }
        return changed
    }

    /// Labels as a student should read them: a RoPE scene's rows carry their positions (the
    /// offset control shifts them), and a repeated token is numbered (`dog#2`), never `dog²`.
    func displayLabels(_ labels: [String]?) -> [String]? {
        guard var labels else { return nil }
        if scene["angles"] != nil, let offset = scene.parameters["position"] {
            let same = Set(labels).count == 1
            labels = labels.indices.map { i in same ? "m=\(Int(offset) + i)" : "\(labels[i])@\(Int(offset) + i)" }
        }
        return labels.map(readableToken)
    }

    func softmaxRow(_ t: NamedTensor, query: Int, head: Int?, title: String?) -> SoftmaxRowView {
        let rows = t.rank == 1 ? [t.scalars] : t.matrixRows
        let q = min(max(0, query), max(0, rows.count - 1))
        let base = baseName(t.name)
        func row(_ name: String) -> [Float]? {
            guard let s = related(name, to: t.key), s.shape == t.shape else { return nil }
            return s.rank == 1 ? s.scalars : s.row(q)
        }
        let masked = maskedCells(for: t).flatMap { $0.indices.contains(q) ? $0[q] : nil }
        // A column that repeats the row itself, or the raw scores unchanged (scaling off), says nothing new.
        let raw = base == "scores" ? nil : row("scores")
        var scaled = base == "scaled" ? nil : row("scaled")
        if let r = row("scores"), let sc = scaled, r == sc { scaled = nil }
        let isWeights = Self.weightNames.contains(base)
        let valueTitle = isWeights ? word(.quantityWeight) : base == "scores" ? "q·k" : base == "expScores" ? "exp(q·k)" : display(t.name).name
        return SoftmaxRowView(
            labels: (displayLabels(t.columnLabels) ?? (0..<(rows.first?.count ?? 0)).map(String.init)), weights: rows.isEmpty ? [] : rows[q],
            scores: raw, scaledScores: scaled, masked: masked, title: title,
            valueTitle: valueTitle, isDistribution: isWeights,
            depth: style.depth, theme: style.theme, language: language)
    }

    func matrixTable(_ t: NamedTensor) -> MatrixTableView {
        var table = plainMatrixTable(t)
        // Counts and other whole numbers print as they are (8, not 8.00): nothing is lost.
        if !Self.weightNames.contains(baseName(t.name)), t.scalars.allSatisfy({ !$0.isFinite || $0 == $0.rounded() }) { table.decimals = 0 }
        return table
    }

    private func plainMatrixTable(_ t: NamedTensor) -> MatrixTableView {
        if t.rank <= 1 {
            let d = display(t.name)
            var table = MatrixTableView(vector: t.scalars, labels: displayLabels(t.rowLabels) ?? [], name: columnWidth(of: d.name) <= 20 ? d.name : "",
                                        title: d.caption.isEmpty ? d.name : "\(d.name): \(d.caption)", theme: style.theme, depth: style.depth)
            table.language = language
            return table
        }
        let d = display(t.name)
        var table = MatrixTableView(
            values: t.matrixRows, rowLabels: displayLabels(t.rowLabels) ?? [], columnLabels: displayLabels(t.columnLabels) ?? [],
            title: "\(d.name) \(t.shapeText)", theme: style.theme, depth: style.depth)
        table.language = language
        return table
    }

    /// Each (2i, 2i+1) pair of row `row` before and after rotation by m·θ_i.
    func rotationPlot(before: NamedTensor, after: NamedTensor?, row: Int, title: String) -> RotationPlotView {
        let r = min(max(0, row), max(0, before.rows - 1))
        let x = before.rank == 1 ? before.scalars : before.row(r)
        let y = after.map { $0.rank == 1 ? $0.scalars : $0.row(r) } ?? x
        let angles = scene["angles"].map { $0.rank == 1 ? $0.scalars : $0.row(r) }
        let allAngles = scene["angles"].flatMap { $0.rank == 2 ? $0.matrixRows : nil } ?? []
        let positions = displayLabels(scene["angles"]?.rowLabels) ?? allAngles.indices.map { "m=\($0)" }
        let pairs = stride(from: 0, to: x.count - 1, by: 2).map { i in
            var pair = RotationPair(
                before: (x: Double(x[i]), y: Double(x[i + 1])), after: (x: Double(y[i]), y: Double(y[i + 1])),
                label: word(.ropePair, ["pair": String(i / 2)]) + (angles.map { i / 2 < $0.count ? " m·θ=\(formatFixed($0[i / 2], decimals: 2, format: language.numbers))" : "" } ?? ""))
            // The fan: the same pair turned by m·θ_i at every position of the scene.
            pair.fan = allAngles.enumerated().compactMap { p, row in
                guard i / 2 < row.count else { return nil }
                let a = Double(row[i / 2]), bx = Double(x[i]), by = Double(x[i + 1])
                let name = p < positions.count ? positions[p].replacingOccurrences(of: "m=", with: "") : String(p)
                return (name, SIMD2(bx * cos(a) - by * sin(a), bx * sin(a) + by * cos(a)))
            }
            return pair
        }
        let label = before.rowLabels.map { r < $0.count ? " " + word(.ropeAtToken, ["token": $0[r], "m": String(r)]) : "" } ?? " (m = \(r))"
        var plot = RotationPlotView(pairs: pairs, title: title + label, depth: style.depth, theme: style.theme)
        plot.language = language
        return plot
    }

    /// The query row rotated to its position m and the key row rotated to n, pair by pair on one
    /// circle, with the angle between them: (m − n)·θ_i when the two rows are the same vector, as
    /// in the lesson, and that plus the rows' own angle otherwise. Positions count the scene's
    /// offset (`position`), so the offset control turns both arrows and keeps the angle.
    func queryKeyPlot(before: NamedTensor, rotated: NamedTensor, query: Int, key: Int, title: String) -> RotationPlotView {
        let rows = rotated.rank == 1 ? 1 : rotated.rows
        let r = min(max(0, query), rows - 1), k = min(max(0, key), rows - 1)
        func row(_ t: NamedTensor, _ i: Int) -> [Float] { t.rank == 1 ? t.scalars : t.row(i) }
        let q = row(rotated, r), kv = row(rotated, k)
        let original = before.shape == rotated.shape ? (row(before, r), row(before, k)) : nil
        let angles = scene["angles"].flatMap { $0.rank == 2 ? $0 : nil }
        let offset = Int(scene.parameters["position"] ?? 0)
        let pairs = stride(from: 0, to: q.count - 1, by: 2).map { i in
            var pair = RotationPair(before: (x: Double(kv[i]), y: Double(kv[i + 1])), after: (x: Double(q[i]), y: Double(q[i + 1])),
                                    label: word(.ropePair, ["pair": String(i / 2)]))
            if let angles, i / 2 < angles.columns {
                // The angle measured between the arrows, on the branch the scene means:
                // (m − n)·θ_i, plus the angle between the unrotated rows (0 for equal rows).
                let rotation = Double(angles[r, i / 2]) - Double(angles[k, i / 2])
                var expected = rotation
                if let (x, y) = original, i + 1 < x.count {
                    expected += wrappedAngle(atan2(Double(x[i + 1]), Double(x[i])) - atan2(Double(y[i + 1]), Double(y[i])))
                }
                let measured = pair.angle
                let turned = measured + 2 * .pi * ((expected - measured) / (2 * .pi)).rounded()
                pair.turned = turned
                let theta = angles.rows > 1 ? Double(angles[1, i / 2]) - Double(angles[0, i / 2]) : 0
                pair.label += " θ=" + formatFixed(Float(theta), decimals: 2, format: language.numbers)
                let degrees = turned * 180 / .pi
                // A true minus sign, as the count of positions before it has.
                let angle = (degrees >= 0 ? "+" : "−") + formatFixed(Float(abs(degrees)), decimals: 1, format: language.numbers) + "°"
                if abs(expected - rotation) < 1e-6 {
                    // Equal rows: the angle is (m − n)·θ_i, written with the numbers.
                    let d = r - k
                    pair.caption = "∠ = \(d < 0 ? "−" : "")\(abs(d))·θ\(subscriptDigits(i / 2)) = \(angle)"
                } else {
                    pair.caption = "∠ " + angle
                }
            }
            return pair
        }
        var plot = RotationPlotView(pairs: pairs, title: title, depth: style.depth, theme: style.theme)
        plot.mode = .queryAndKey(m: r + offset, n: k + offset)
        plot.language = language
        return plot
    }

    /// QKᵀ → ÷√d_k → mask → softmax → ·V: the stages side by side when they fit, else one at a time.
    func renderPipeline(_ view: ResolvedView, in area: Rect, grid: inout CellGrid) {
        let stages = view.tensors.compactMap { tensor($0) }
        guard !stages.isEmpty else { return }
        let minWidth = 26
        let fit = max(1, min(stages.count, area.width / minWidth))
        let first = fit == stages.count ? 0 : min(max(0, style.pipelineStage), stages.count - fit)
        let width = area.width / fit
        for (k, t) in stages[first..<(first + fit)].enumerated() {
            let rect = Rect(x: area.x + k * width, y: area.y, width: width - 1, height: area.height)
            let title = "\(first + k + 1)/\(stages.count) \(stageTitle(t.name))"
            if t.rank == 2 && t.key.name != "output" {
                _ = heatmap(t, title: title, cursor: nil).render(in: rect, grid: &grid)
            } else {
                var table = matrixTable(t)
                table.title = title
                table.render(in: rect, grid: &grid)
            }
        }
    }

    func stageTitle(_ name: String) -> String { display(name).name }

    /// The box title of `view`: the lesson's own title, or, for a title the engine made from a
    /// tensor name, the tensor's display name and caption.
    public func title(of view: ResolvedView) -> String {
        guard let name = view.tensors.first else { return view.title }
        let d = display(name)
        switch view.kind {
        case .heads where view.title.hasPrefix("every head"):
            return headsTitle(view)
        case .heatmap where view.title == name || view.title.hasPrefix("attention weights"),
             .matrix where view.title == name:
            return d.caption.isEmpty ? d.name : "\(d.name) — \(d.caption)"
        case .softmaxRow where view.title == "\(name), query \(view.query ?? 0)":
            let q = view.query ?? 0
            let token = scene[name]?.rowLabels.flatMap { q < $0.count && $0.count > 1 ? " (\(readableToken($0[q])))" : nil } ?? ""
            return scene[name]?.rank == 2 && (scene[name]?.rows ?? 1) > 1 ? "\(d.name), " + word(.queryNumber, ["query": String(q)]) + token
                : d.caption.isEmpty ? d.name : "\(d.name) — \(d.caption)"
        default:
            return view.title
        }
    }
}


/// `12` as `₁₂`.
func subscriptDigits(_ n: Int) -> String {
    String(String(n).map { c in c.wholeNumberValue.map { Character(Unicode.Scalar(0x2080 + $0)!) } ?? c })
}

/// `a` in (−π, π].
func wrappedAngle(_ a: Double) -> Double {
    var a = a.truncatingRemainder(dividingBy: 2 * .pi)
    if a <= -.pi { a += 2 * .pi }
    if a > .pi { a -= 2 * .pi }
    return a
}

/// A token as views show it: a repeat marked with superscript digits in the lesson (`dog²`,
/// the lesson's way of telling two `dog`s apart) reads `dog#2`, which cannot be taken for a square.
public func readableToken(_ token: String) -> String {
    let superscripts: [Character: Character] = ["⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"]
    var digits = ""
    var stem = Substring(token)
    while let last = stem.last, let d = superscripts[last] { digits = String(d) + digits; stem = stem.dropLast() }
    return digits.isEmpty || stem.isEmpty ? token : "\(stem)#\(digits)"
}
