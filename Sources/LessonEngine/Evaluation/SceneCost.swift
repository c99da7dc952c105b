/// What a scene will compute, estimated from its declarations before anything is computed.
///
/// Validation bounds what a file declares (256 tokens, 512 columns, 65,536 values a tensor), but
/// what an op computes from that can be far larger: `multiHead` with 64 heads of 512 over 256
/// tokens makes about 50 million numbers, which took `attn eval` 28 s and 3 GB and printed 1 GB
/// of JSON. `evaluate` checks this estimate first and refuses a scene over the limits with an
/// error at its `op:` line, so `attn validate` reports it (at every control position it tries),
/// `attn eval` never starts it, and the explorer stays responsive: a scene within the limits
/// computes within a frame or two.
///
/// The estimate counts the numbers of every tensor the op adds to its result (what `eval` prints
/// and the explorer keeps) and the floating-point operations of its products. It is deliberately
/// an upper bound of the right order, not an exact count.
public struct SceneCost: Sendable, Equatable, CustomStringConvertible {
    /// Numbers in the computed tensors.
    public var values: Double
    /// Floating-point operations (a multiply-add counts 2).
    public var flops: Double
    /// The sizes the estimate was made from, for the message: `T = 256, H = 64, d_h = 512`.
    public var sizes: String

    /// At most 2¹⁸ numbers: 1 MiB of Float, about 3 MB of `eval` JSON. A multiHead scene just
    /// under it (64 tokens, 7 heads of 32) took a median 28 ms per key press at 200×60 in `attn
    /// bench --ui` (release build, a 2-core machine under a load of 7), the lessons about 1 ms;
    /// the largest lesson scene is estimated at 2,240 numbers.
    public static let maximumValues: Double = 262_144
    /// At most 5·10⁷ operations: a few milliseconds through BLAS, well under a frame.
    public static let maximumFlops: Double = 5e7

    public var description: String { "\(Int(values)) values, \(Int(flops)) operations (\(sizes))" }

    /// Why the scene is too big, or nil when it is within both limits.
    public var problem: String? {
        if values > Self.maximumValues {
            return "this scene would compute about \(rounded(values)) numbers (\(sizes)), more than the limit of \(Int(Self.maximumValues)); use fewer tokens, heads or dimensions"
        }
        if flops > Self.maximumFlops {
            return "this scene would take about \(rounded(flops)) floating-point operations (\(sizes)), more than the limit of \(rounded(Self.maximumFlops)); use fewer tokens, heads or dimensions"
        }
        return nil
    }

    private func rounded(_ x: Double) -> String {
        if x >= 1e9 { return "\(Int((x / 1e9).rounded())) billion" }
        if x >= 1e6 { return "\(Int((x / 1e6).rounded())) million" }
        return "\(Int(x))"
    }
}

/// The estimated cost of evaluating `scene` with `overrides`.
public func estimateCost(_ scene: Scene, overrides: [String: Double] = [:]) throws -> SceneCost {
    CostEstimator(env: try SceneEnvironment(scene: scene, overrides: overrides)).estimate()
}

/// Throws a `SceneError` at the op line when the scene would compute more than the limits allow.
func checkCost(_ env: SceneEnvironment) throws {
    let cost = CostEstimator(env: env).estimate()
    if let problem = cost.problem { throw SceneError(problem, at: env.scene.opLocation) }
}

/// Shapes from declarations only: nothing is materialised.
private struct CostEstimator {
    let env: SceneEnvironment
    var scene: Scene { env.scene }

    func estimate() -> SceneCost {
        let T = Double(max(scene.tokens.count, rows("x") ?? rows("q") ?? 1))
        let Tk = Double(max(scene.effectiveKeyTokens.count, rows("xkv") ?? rows("k") ?? 1))
        var cost = opEstimate(T: T, Tk: Tk)
        // Small tensors every op adds (masks, notes as numbers, per-row summaries).
        cost.values += 64 + 4 * (T + Tk)
        return cost
    }

    private func opEstimate(T: Double, Tk: Double) -> SceneCost {
        let D = Double(columns("x") ?? columns("q") ?? 1)
        switch scene.op {
        case .hardRead, .avgRead, .softRead:
            let d = Double(columns("k") ?? 1), dv = Double(columns("v") ?? 1)
            return SceneCost(values: Tk * (d + dv) + d + 4 * Tk + 2 * dv, flops: 2 * Tk * (d + dv) + 10 * Tk, sizes: "\(Int(Tk)) keys")
        case .attention, .crossAttention:
            let projects = columns("wQ") != nil
            let d = Double(columns(projects ? "wQ" : "q") ?? 1)
            let dv = Double(columns(projects ? "wV" : "v") ?? 1)
            let inputs = projects ? T * D + Tk * D + D * (2 * d + dv) : 0
            let values = inputs + T * d + Tk * (d + dv) + 5 * T * Tk + T * dv
            let projection = projects ? 2 * (T * D * d + Tk * D * (d + dv)) : 0
            let flops = projection + 2 * T * Tk * (d + dv) + 10 * T * Tk
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), keys = \(Int(Tk)), d = \(Int(d))")
        case .multiHead:
            let h = Double(max(1, env.integer("numHeads")))
            let hkv = Double(max(1, env.isSet("numKVHeads") ? env.integer("numKVHeads") : env.integer("numHeads")))
            let dh = Double(max(1, env.integer("headDim")))
            let keys = scene.inputs["xkv"] != nil ? Tk : T
            let weights = D * dh * (h + 2 * hkv) + h * dh * D
            let perHead = T * dh + 2 * keys * dh + 2 * T * keys + T * dh
            let values = T * D + weights + h * perHead + T * h * dh + T * D + (scene.inputs["xkv"] != nil ? keys * D : 0)
            let flops = 2 * T * D * h * dh + 4 * keys * D * hkv * dh + h * (4 * T * keys * dh + 10 * T * keys) + 2 * T * h * dh * D
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), H = \(Int(h)), d_h = \(Int(dh)), d_model = \(Int(D))")
        case .kvCache:
            let d = Double(columns("wQ") ?? columns("q") ?? 1)
            let values = 3 * T * d + 2 * T * d + 2 * T * T + T * d + T * D
            let flops = 6 * T * D * d + 4 * T * T * d + 20 * T * T
            return SceneCost(values: values, flops: flops, sizes: "T = \(Int(T)), d = \(Int(d))")
        case .sinusoidal:
            let n = Double(max(1, env.integer("length"))), d = Double(max(1, env.integer("dim")))
            return SceneCost(values: n * d, flops: 20 * n * d, sizes: "length = \(Int(n)), dim = \(Int(d))")
        case .rope:
            let values = 2.5 * T * D + 2 * T * T
            return SceneCost(values: values, flops: 20 * T * D + 4 * T * T * D, sizes: "T = \(Int(T)), d = \(Int(D))")
        case .alibi:
            let n = Double(max(1, env.integer("length"))), h = Double(max(1, env.integer("numHeads")))
            return SceneCost(values: h * (2 * n * n) + h, flops: h * 20 * n * n, sizes: "length = \(Int(n)), H = \(Int(h))")
        }
    }

    /// The declared shape of the tensor an input slot reads, without making it.
    func shape(_ slot: String) -> [Int]? {
        let name = scene.inputs[slot]?.name ?? SceneSchema.defaultTensor(for: slot, op: scene.op)
        guard let spec = scene.tensorSpec(name) else { return nil }
        func size(_ ref: NumberRef) -> Int {
            let x = (try? env.resolve(ref)) ?? 1
            return x.isFinite ? Int(max(0, min(x, 1e6))) : 1
        }
        switch spec.source {
        case .rows(let rows): return [rows.count, rows.first?.count ?? 0]
        case .vector(let values): return [values.count]
        case let .normal(shape, _, _, _), let .uniform(shape, _, _, _): return shape.map(size)
        case let .embed(side, dim, _, _): return [tokens(side).count, size(dim)]
        case .onehot(let side): return [tokens(side).count, Set(tokens(side)).count]
        }
    }

    func rows(_ slot: String) -> Int? { shape(slot).flatMap { $0.count == 2 ? $0[0] : ($0.count == 1 ? 1 : nil) } }
    func columns(_ slot: String) -> Int? { shape(slot).flatMap(\.last) }

    private func tokens(_ side: TokenSide) -> [String] { side == .tokens ? scene.tokens : scene.effectiveKeyTokens }
}
