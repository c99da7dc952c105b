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
    case .heatmap, .softmaxRow: name = view.tensor ?? "weights"
    case .matrix: name = view.tensor ?? "output"
    default: return true
    }
    return computed[name] != nil || computed["\(name)[0]"] != nil
}

private func defaultViews(_ scene: Scene) -> [ViewSpec] {
    let at = scene.location
    func v(_ kind: ViewKind, _ tensor: String? = nil) -> ViewSpec { ViewSpec(kind: kind, tensor: tensor, location: at) }
    switch scene.op {
    case .hardRead, .avgRead, .softRead: return [v(.vectors), v(.softmaxRow)]
    case .attention, .crossAttention, .multiHead, .kvCache: return [v(.heatmap), v(.softmaxRow)]
    case .sinusoidal: return [v(.heatmap, "PE")]
    case .rope: return [v(.rope), v(.heatmap, "scores")]
    case .alibi: return [v(.heatmap, "bias"), v(.heatmap, "weights")]
    }
}

/// The tensors a pipeline view shows by default, in computation order.
private func pipelineStages(_ op: SceneOp) -> [String] {
    switch op {
    case .hardRead, .avgRead: return ["matches", "weights", "output"]
    case .softRead: return ["scores", "weights", "output"]
    case .rope: return ["X", "angles", "X_rot", "scores"]
    case .sinusoidal: return ["PE"]
    case .alibi: return ["bias", "weights"]
    case .multiHead: return ["X", "Q", "K", "V", "weights", "concat", "output"]
    default: return ["X", "Q", "K", "V", "scores", "scaled", "masked", "weights", "output"]
    }
}

private func resolve(_ view: ViewSpec, _ scene: Scene, _ computed: ComputedScene, _ env: SceneEnvironment) throws -> ResolvedView {
    let head = try view.head.map { try integerValue($0, env) } ?? env.integer("head")
    func find(_ name: String, required: Bool) throws -> String? {
        if computed[name] != nil { return name }
        if computed["\(name)[\(head)]"] != nil { return "\(name)[\(head)]" }
        if computed["\(name)[0]"] != nil {
            let heads = computed.tensors.filter { $0.name.hasPrefix(name + "[") }.count
            throw SceneError("head \(head) is outside 0…\(heads - 1)", at: view.head?.location ?? view.location)
        }
        guard required else { return nil }
        throw SceneError(
            "the \(view.kind.rawValue) view shows '\(name)', which this scene does not compute\(suggestion(for: name, in: computed.tensors.map(\.name)))",
            at: view.location)
    }
    var resolved = ResolvedView(kind: view.kind, title: view.title ?? "", tensors: [])
    switch view.kind {
    case .prose:
        break
    case .heatmap, .matrix, .softmaxRow:
        let fallback = view.kind == .matrix ? "output" : "weights"
        let name = try find(view.tensor ?? fallback, required: true)!
        resolved.tensors = [name]
        if name.hasSuffix("]") { resolved.head = head }
        if view.kind == .softmaxRow {
            let rows = computed[name]!.tensor.rank >= 2 ? computed[name]!.tensor.rows : 1
            let q = try view.query.map { try integerValue($0, env) } ?? env.integer("query")
            guard q >= 0, q < rows else {
                throw SceneError("query \(q) is outside 0…\(rows - 1) for '\(name)'", at: view.query?.location ?? view.location)
            }
            resolved.query = q
        }
    case .vectors:
        let reads: [SceneOp] = [.hardRead, .avgRead, .softRead]
        let defaults = reads.contains(scene.op)
            ? ["q", "k", "v"].map { scene.inputs[$0]?.name ?? SceneSchema.defaultTensor(for: $0, op: scene.op) }
            : ["Q", "K", "V"]
        resolved.tensors = try (view.tensors ?? defaults).compactMap { try find($0, required: view.tensors != nil) }
    case .pipeline:
        resolved.tensors = try (view.tensors ?? pipelineStages(scene.op)).compactMap { try find($0, required: view.tensors != nil) }
    case .rope:
        // The rotation plot reads a rope scene's angles and rotated rows; other ops have neither.
        guard scene.op == .rope else {
            throw SceneError("the rope view needs op 'rope', not '\(scene.op.rawValue)': it draws a rope scene's rotated pairs (use heatmap, matrix or softmaxRow here)", at: view.location)
        }
        let before = try find(view.tensor ?? "X", required: true)!
        resolved.tensors = [before] + (computed["X_rot"] != nil ? ["X_rot"] : [])
        resolved.query = try view.query.map { try integerValue($0, env) } ?? env.integer("query")
    }
    if resolved.title.isEmpty { resolved.title = defaultTitle(resolved) }
    return resolved
}

private func integerValue(_ ref: NumberRef, _ env: SceneEnvironment) throws -> Int {
    try env.resolveInteger(ref, "this value", in: -1_000_000...1_000_000)
}

private func defaultTitle(_ v: ResolvedView) -> String {
    let name = v.tensors.first ?? ""
    switch v.kind {
    case .heatmap: return name.hasPrefix("weights") ? "attention weights \(name.dropFirst(7))".trimmedOf(" ") : name
    case .softmaxRow: return "\(name), query \(v.query ?? 0)"
    case .vectors: return v.tensors.joined(separator: ", ")
    case .matrix: return name
    case .rope: return "RoPE rotation"
    case .pipeline: return "pipeline"
    case .prose: return ""
    }
}
