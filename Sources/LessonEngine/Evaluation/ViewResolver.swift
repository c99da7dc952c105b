import AttentionKernel

/// Turns a scene's declared views into views of computed tensors, filling in defaults.
///
/// A scene without `views:` gets the views its op is usually shown with (those it can show). A tensor name that
/// exists only per head (`weights` when the scene made `weights[0]`, `weights[1]`, …) resolves
/// to the current head's tensor.
func resolveViews(_ scene: Scene, _ computed: ComputedScene, env: SceneEnvironment) throws -> [ResolvedView] {
    guard !scene.views.isEmpty else {
        // Default views are a convenience: one whose tensor this evaluation lacks (a read with
        // no weights) is left out rather than failing the scene.
        return try defaultViews(scene).filter { isAvailable($0, computed) }.map { try resolve($0, scene, computed, env) }
    }
    return try scene.views.map { try resolve($0, scene, computed, env) }
}

/// Whether the tensor a single-tensor view would show exists (directly or per head).
private func isAvailable(_ view: ViewSpec, _ computed: ComputedScene) -> Bool {
    let name: String
    switch view.kind {
    case .heatmap, .softmaxRow, .heads: name = view.tensor ?? "weights"
    case .matrix: name = view.tensor ?? "output"
    default: return true
    }
    let r = TensorReference(parsing: name)
    return !computed.results(named: r.name, stage: r.stage, layer: r.layer).isEmpty
}

/// The views the op declares as its defaults.
private func defaultViews(_ scene: Scene) -> [ViewSpec] {
    guard let last = scene.stages.last else {
        return scene.op.declaration.defaultViews.map { ViewSpec(kind: $0.kind, tensor: $0.tensor, location: scene.location) }
    }
    // A staged scene: its last stage's views, then every stage's output in order.
    var views = last.op.declaration.defaultViews.filter { $0.kind != .vectors && $0.kind != .rope }.map {
        ViewSpec(kind: $0.kind, tensor: last.qualified($0.tensor ?? ($0.kind == .matrix ? "output" : "weights")), location: scene.location)
    }
    views.append(ViewSpec(kind: .pipeline, location: scene.location))
    return views
}

private func resolve(_ view: ViewSpec, _ scene: Scene, _ computed: ComputedScene, _ env: SceneEnvironment) throws -> ResolvedView {
    let head = try view.head.map { try integerValue($0, env) } ?? env.integer("head")
    func find(_ name: String, required: Bool) throws -> ResultKey? {
        let (key, heads) = computed.result(TensorReference(parsing: name), head: head)
        if let key { return key }
        if heads > 0 { throw SceneError(.headOutside(head: head, last: heads - 1), at: view.head?.location ?? view.location) }
        guard required else { return nil }
        throw SceneError(
            .viewShowsMissing(view: view.kind.rawValue, tensor: name, suggestion: closestName(to: name, in: computed.tensors.map(\.name))),
            at: view.location)
    }
    let declaration = scene.op.declaration
    var resolved = ResolvedView(kind: view.kind, title: view.title ?? "", keys: [])
    switch view.kind {
    case .prose:
        break
    case .heads:
        // Every head of the tensor, in head order; the current head is the one marked.
        let r = TensorReference(parsing: view.tensor ?? "weights")
        let all = computed.results(named: r.name, stage: r.stage, layer: r.layer).filter { $0.key.head != nil }.sorted { $0.key.head! < $1.key.head! }
        guard !all.isEmpty else {
            throw SceneError("the heads view shows every head of '\(view.tensor ?? "weights")', which this scene does not compute per head", at: view.location)
        }
        guard head >= 0, head < all.count else { throw SceneError("head \(head) is outside 0…\(all.count - 1)", at: view.head?.location ?? view.location) }
        resolved.keys = all.map(\.key)
        resolved.head = head
    case .heatmap, .matrix, .softmaxRow:
        let fallback = view.kind == .matrix ? "output" : "weights"
        let key = try find(view.tensor ?? fallback, required: true)!
        resolved.keys = [key]
        resolved.head = key.head
        if view.kind == .softmaxRow {
            let t = computed[key: key]!.tensor
            let rows = t.rank >= 2 ? t.rows : 1
            let q = try view.query.map { try integerValue($0, env) } ?? env.integer("query")
            guard q >= 0, q < rows else {
                throw SceneError(.queryOutside(query: q, last: rows - 1, tensor: key.evalName), at: view.query?.location ?? view.location)
            }
            resolved.query = q
        }
    case .vectors:
        let defaults: [String]
        switch declaration.vectors {
        case .names(let names): defaults = names
        case .slots(let slots): defaults = slots.map { scene.inputs[$0]?.name ?? SceneSchema.defaultTensor(for: $0, op: scene.op) }
        }
        resolved.keys = try (view.tensors ?? defaults).compactMap { try find($0, required: view.tensors != nil) }
    case .pipeline:
        let stages = scene.stages.isEmpty ? nil : scene.stages.map { $0.qualified("output") }
        resolved.keys = try (view.tensors ?? stages ?? declaration.pipeline).compactMap { try find($0, required: view.tensors != nil) }
    case .rope:
        // The rotation plot reads a rope scene's angles and rotated rows; other ops have neither.
        guard scene.op == .rope else {
            throw SceneError(.ropeViewNeedsRope(op: scene.op.rawValue), at: view.location)
        }
        let before = try find(view.tensor ?? "X", required: true)!
        let rotated = before.sibling("X_rot")
        resolved.keys = [before] + (computed[key: rotated] != nil ? [rotated] : [])
        resolved.query = try view.query.map { try integerValue($0, env) } ?? env.integer("query")
        if let keyRef = view.key {
            let rows = computed[key: before]?.tensor.rows ?? 0
            let k = try integerValue(keyRef, env)
            guard k >= 0, k < rows else {
                throw SceneError(.keyRowOutside(key: k, last: rows - 1, tensor: before.evalName), at: keyRef.location)
            }
            let q = resolved.query ?? 0
            guard q >= 0, q < rows else {
                throw SceneError(.queryOutside(query: q, last: rows - 1, tensor: before.evalName), at: view.query?.location ?? view.location)
            }
            resolved.keyRow = k
        }
    }
    if resolved.title.isEmpty { resolved.title = defaultTitle(resolved) }
    return resolved
}

private func integerValue(_ ref: NumberRef, _ env: SceneEnvironment) throws -> Int {
    try env.resolveInteger(ref, .thisValue, in: -1_000_000...1_000_000)
}

private func defaultTitle(_ v: ResolvedView) -> String {
    let name = v.tensors.first ?? ""
    switch v.kind {
    case .heatmap:
        guard let key = v.keys.first, key.name == "weights", key.stage == nil else { return name }
        return key.head.map { "attention weights [\($0)]" } ?? "attention weights"
    case .softmaxRow: return "\(name), query \(v.query ?? 0)"
    case .vectors: return v.tensors.joined(separator: ", ")
    case .matrix: return name
    case .rope: return "RoPE rotation"
    case .pipeline: return "pipeline"
    case .prose: return ""
    case .heads: return "every head" + (v.keys.first?.layer.map { " of layer \($0)" } ?? "")
    }
}
