import AttentionKernel
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

    public init(depth: ColorDepth = .direct, theme: Theme = .dark, cursor: MatrixIndex? = nil, pipelineStage: Int = 0, colorMap: ColorMap = .viridis) {
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

    /// Rows a view would like at `width` columns.
    public func preferredHeight(of view: ResolvedView, width: Int) -> Int {
        switch view.kind {
        case .heatmap:
            let rows = tensor(view.tensors.first)?.tensor.rows ?? 1
            return min(max(6, rows * 2 + 6), 30)
        case .softmaxRow:
            return (tensor(view.tensors.first)?.tensor.columns ?? 1) + 5
        case .matrix, .vectors:
            return view.tensors.reduce(0) { $0 + (tensor($1)?.tensor.rank == 1 ? 3 : (tensor($1)?.tensor.rows ?? 1) + 3) }
        case .rope: return 14
        case .pipeline: return 14
        case .prose: return 0
        }
    }

    /// Draws `view` in `area`. Returns the heatmap layout when the view is a heatmap.
    @discardableResult
    public func render(_ view: ResolvedView, in area: Rect, grid: inout CellGrid) -> HeatmapLayout? {
        guard !area.isEmpty else { return nil }
        switch view.kind {
        case .heatmap:
            guard let t = tensor(view.tensors.first) else { return nil }
            return heatmap(t, title: view.title, cursor: style.cursor).render(in: area, grid: &grid)
        case .softmaxRow:
            guard let t = tensor(view.tensors.first) else { return nil }
            softmaxRow(t, query: view.query ?? 0, head: view.head, title: view.title).render(in: area, grid: &grid)
        case .matrix, .vectors:
            var y = area.y
            for name in view.tensors {
                guard let t = tensor(name), y < area.maxY else { continue }
                let table = matrixTable(t)
                let h = min(area.maxY - y, table.naturalSize.height)
                table.render(in: Rect(x: area.x, y: y, width: area.width, height: h), grid: &grid)
                y += h + 1
            }
        case .rope:
            guard let before = tensor(view.tensors.first) else { return nil }
            rotationPlot(before: before, after: view.tensors.count > 1 ? tensor(view.tensors[1]) : nil, row: view.query ?? 0, title: view.title)
                .render(in: area, grid: &grid)
        case .pipeline:
            renderPipeline(view, in: area, grid: &grid)
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
        if let masked = related("masked", to: t.key), masked.shape == t.shape {
            return masked.tensor.matrixRows.map { $0.map { $0 == -.infinity } }
        }
        guard t.key.name != "mask", let mask = related("mask", to: t.key), mask.shape == t.shape else { return nil }
        return mask.tensor.matrixRows.map { $0.map { $0 == 0 } }
    }

    func heatmap(_ t: NamedTensor, title: String, cursor: MatrixIndex?) -> HeatmapView {
        let isWeights = t.role == .weights
        let rows = t.tensor.rank == 1 ? [t.tensor.scalars] : t.tensor.matrixRows
        return HeatmapView(
            values: rows, masked: maskedCells(for: t),
            rowLabels: t.rowLabels ?? (0..<rows.count).map(String.init),
            columnLabels: t.columnLabels ?? (0..<(rows.first?.count ?? 0)).map(String.init),
            title: title, range: isWeights ? 0...1 : nil, colorMap: style.colorMap, depth: style.depth, theme: style.theme, cursor: cursor,
            showRowSums: isWeights, showValues: true, showLegend: true,
            rowAxisTitle: isWeights ? "query i ↓" : "row ↓", columnAxisTitle: isWeights ? "key j →" : "column →")
    }

    func softmaxRow(_ t: NamedTensor, query: Int, head: Int?, title: String) -> SoftmaxRowView {
        let rows = t.tensor.rank == 1 ? [t.tensor.scalars] : t.tensor.matrixRows
        let q = min(max(0, query), max(0, rows.count - 1))
        func row(_ name: String) -> [Float]? {
            guard let s = related(name, to: t.key), s.shape == t.shape else { return nil }
            return s.tensor.rank == 1 ? s.tensor.scalars : s.tensor.row(q)
        }
        let masked = maskedCells(for: t).flatMap { $0.indices.contains(q) ? $0[q] : nil }
        return SoftmaxRowView(
            labels: t.columnLabels ?? (0..<(rows.first?.count ?? 0)).map(String.init), weights: rows.isEmpty ? [] : rows[q],
            scores: row("scores"), scaledScores: row("scaled"), masked: masked, title: title,
            depth: style.depth, theme: style.theme)
    }

    func matrixTable(_ t: NamedTensor) -> MatrixTableView {
        if t.tensor.rank <= 1 {
            return MatrixTableView(vector: t.tensor.scalars, labels: t.rowLabels ?? [], name: t.name, title: t.name, theme: style.theme, depth: style.depth)
        }
        return MatrixTableView(
            values: t.tensor.matrixRows, rowLabels: t.rowLabels ?? [], columnLabels: t.columnLabels ?? [],
            title: "\(t.name) \(formatShape(t.shape))", theme: style.theme, depth: style.depth)
    }

    /// Each (2i, 2i+1) pair of row `row` before and after rotation by m·θ_i.
    func rotationPlot(before: NamedTensor, after: NamedTensor?, row: Int, title: String) -> RotationPlotView {
        let r = min(max(0, row), max(0, before.tensor.rows - 1))
        let x = before.tensor.rank == 1 ? before.tensor.scalars : before.tensor.row(r)
        let y = after.map { $0.tensor.rank == 1 ? $0.tensor.scalars : $0.tensor.row(r) } ?? x
        let angles = scene["angles"].map { $0.tensor.rank == 1 ? $0.tensor.scalars : $0.tensor.row(r) }
        let pairs = stride(from: 0, to: x.count - 1, by: 2).map { i in
            RotationPair(
                before: (x: Double(x[i]), y: Double(x[i + 1])), after: (x: Double(y[i]), y: Double(y[i + 1])),
                label: "pair \(i / 2)" + (angles.map { i / 2 < $0.count ? " m·θ=\(formatFixed($0[i / 2], decimals: 2))" : "" } ?? ""))
        }
        let label = before.rowLabels.map { r < $0.count ? " at \($0[r]) (m = \(r))" : "" } ?? " (m = \(r))"
        return RotationPlotView(pairs: pairs, title: title + label, depth: style.depth, theme: style.theme)
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
            let title = "\(first + k + 1)/\(stages.count) \(stageTitle(t))"
            if t.tensor.rank == 2 && t.key.name != "output" {
                _ = heatmap(t, title: title, cursor: nil).render(in: rect, grid: &grid)
            } else {
                var table = matrixTable(t)
                table.title = title
                table.render(in: rect, grid: &grid)
            }
        }
    }

    func stageTitle(_ t: NamedTensor) -> String {
        // A staged scene's results are named by their stage (`norm1.output`): the name says more
        // than an attention formula would.
        guard t.key.stage == nil else { return t.name }
        switch t.key.name {
        case "scores": return "S = QKᵀ"
        case "scaled": return "S/√d_k"
        case "masked": return "mask (−∞)"
        case "weights": return "A = softmax"
        case "output": return "Z = A·V"
        default: return t.name
        }
    }

    /// The result `name` of the same stage and head as `key` (the `scores` of `weights[2]`),
    /// else the stage's result without a head (the one `mask` of a multi-head scene).
    func related(_ name: String, to key: ResultKey) -> NamedTensor? {
        scene[key: key.sibling(name)] ?? scene[key: ResultKey(stage: key.stage, name: name, layer: key.layer)]
    }
}
