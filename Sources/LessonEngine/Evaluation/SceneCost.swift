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

    public var description: String { "\(whole(values)) values, \(whole(flops)) operations (\(sizes))" }

    /// Why the scene is too big, in English, or nil when it is within both limits.
    public var problem: String? { sceneProblem?.text(.en) }

    /// Why the scene is too big, as a value, or nil when it is within both limits.
    public var sceneProblem: SceneProblem? {
        if values > Self.maximumValues {
            return .tooManyValues(values: values, sizes: sizes, limit: Int(Self.maximumValues))
        }
        if flops > Self.maximumFlops {
            return .tooManyOperations(flops: flops, sizes: sizes, limit: Self.maximumFlops)
        }
        return nil
    }

    /// A count as a whole number without converting to Int: a hostile scene's estimate can be
    /// far beyond Int.max (or infinite), and converting it would trap.
    private func whole(_ x: Double) -> String {
        x.isFinite ? String(format: "%.0f", x.rounded()) : "infinitely many"
    }
}

/// The estimated cost of evaluating `scene` with `overrides`.
public func estimateCost(_ scene: Scene, overrides: [String: Double] = [:]) throws -> SceneCost {
    CostEstimator(env: try SceneEnvironment(scene: scene, overrides: overrides)).estimate()
}

/// Throws a `SceneError` at the op line when the scene would compute more than the limits allow.
func checkCost(_ env: SceneEnvironment) throws {
    let cost = CostEstimator(env: env).estimate()
    if let problem = cost.sceneProblem { throw SceneError(problem, at: env.scene.opLocation) }
}

/// Shapes from declarations only: nothing is materialised.
struct CostEstimator {
    let env: SceneEnvironment
    var scene: Scene { env.scene }

    func estimate() -> SceneCost {
        let T = Double(max(scene.tokens.count, rows("x") ?? rows("q") ?? 1))
        let Tk = Double(max(scene.effectiveKeyTokens.count, rows("xkv") ?? rows("k") ?? 1))
        var cost = opEstimate()
        // Small tensors every op adds (masks, notes as numbers, per-row summaries).
        cost.values += 64 + 4 * (T + Tk)
        return cost
    }

    private func opEstimate() -> SceneCost {
        return scene.op.declaration.cost(self)
    }

    /// Query rows and key rows, from the tokens or the inputs' shapes.
    var queryCount: Double { Double(max(scene.tokens.count, rows("x") ?? rows("q") ?? 1)) }
    var keyCount: Double { Double(max(scene.effectiveKeyTokens.count, rows("xkv") ?? rows("k") ?? 1)) }
    /// The width of X (or of the queries).
    var modelWidth: Double { Double(columns("x") ?? columns("q") ?? 1) }

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
