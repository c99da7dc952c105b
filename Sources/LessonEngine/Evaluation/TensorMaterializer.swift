import AttentionKernel

/// Makes the tensors a scene declares, resolving `$parameters` and checking size limits.
///
/// Random tensors and embeddings come from the kernel's seeded generators, so a scene gives the
/// same numbers on every machine and in every run.
struct TensorMaterializer {
    let env: SceneEnvironment
    private var cache: [String: Tensor] = [:]

    init(env: SceneEnvironment) {
        self.env = env
    }

    /// The tensor declared as `name`, made once.
    mutating func tensor(_ name: String) throws -> Tensor? {
        if let t = cache[name] { return t }
        guard let spec = env.scene.tensorSpec(name) else { return nil }
        // Literal tensors (an earlier stage's result among them) are cheap to make; made ones are
        // kept for the life of the process, keyed by the parameters they read.
        let t: Tensor
        switch spec.source {
        case .rows, .vector:
            t = try make(spec)
        default:
            var parameters: [String: Double] = [:]
            for p in spec.source.parameterNames { parameters[p] = try? env.resolve(NumberRef(value: .parameter(p), location: spec.location)) }
            let tokens: [String]
            switch spec.source {
            case .embed(.keyTokens, _, _, _), .onehot(.keyTokens): tokens = env.scene.effectiveKeyTokens
            case .embed, .onehot: tokens = env.scene.tokens
            default: tokens = []
            }
            t = try TensorStore.shared.tensor(TensorStore.Key(source: spec.source, tokens: tokens, parameters: parameters)) { try make(spec) }
        }
        cache[name] = t
        return t
    }

    private func make(_ spec: TensorSpec) throws -> Tensor {
        let what = Subject.tensor(spec.name)
        let maxDim = SceneSchema.maximumDimension
        do {
            switch spec.source {
            case .rows(let rows):
                return try Tensor(rows.map { $0.map(Float.init) })
            case .vector(let values):
                return Tensor(vector: values.map(Float.init))
            case let .normal(shape, seed, mean, std):
                let dims = try shape.map { try env.resolveInteger($0, .sizeOf(what), in: 1...maxDim) }
                try checkElements(dims, spec)
                return Tensor.normal(dims, mean: Float(try env.resolve(mean)), std: Float(try env.resolve(std)), seed: try seedValue(seed, what))
            case let .uniform(shape, seed, low, high):
                let dims = try shape.map { try env.resolveInteger($0, .sizeOf(what), in: 1...maxDim) }
                try checkElements(dims, spec)
                return Tensor.uniform(dims, low: Float(try env.resolve(low)), high: Float(try env.resolve(high)), seed: try seedValue(seed, what))
            case let .embed(side, dimRef, seedRef, stdRef):
                let tokens = tokenList(side)
                guard !tokens.isEmpty else { throw SceneError(.embedsMissingSide(what, side: side.rawValue), at: spec.location) }
                let dim = try env.resolveInteger(dimRef, .fieldOf("dim", what), in: 1...maxDim)
                try checkElements([tokens.count, dim], spec)
                let seed = try seedValue(seedRef, what)
                let std = Float(try env.resolve(stdRef))
                // One vector per distinct token: the seed mixes in a stable hash of the token's
                // text (not Swift's per-process `hashValue`), so "cat" is the same vector everywhere.
                let rows = tokens.map { Tensor.normal([dim], std: std, seed: seed ^ stableHash($0)).scalars }
                return try Tensor(rows)
            case .onehot(let side):
                let tokens = tokenList(side)
                guard !tokens.isEmpty else { throw SceneError(.onehotMissingSide(what, side: side.rawValue), at: spec.location) }
                var vocabulary: [String] = []
                for t in tokens where !vocabulary.contains(t) { vocabulary.append(t) }
                var m = Tensor.zeros([tokens.count, vocabulary.count])
                for (i, t) in tokens.enumerated() { m[i, vocabulary.firstIndex(of: t)!] = 1 }
                return m
            }
        } catch let e as KernelError {
            throw SceneError(.tensorRefused(what, detail: e.message), at: spec.location)
        }
    }

    private func tokenList(_ side: TokenSide) -> [String] {
        side == .tokens ? env.scene.tokens : env.scene.effectiveKeyTokens
    }

    private func seedValue(_ ref: NumberRef, _ what: Subject) throws -> UInt64 {
        UInt64(try env.resolveInteger(ref, .fieldOf("seed", what), in: 0...Int(Int32.max)))
    }

    private func checkElements(_ dims: [Int], _ spec: TensorSpec) throws {
        let n = dims.reduce(1, *)
        guard n <= SceneSchema.maximumElements else {
            throw SceneError(.tensorTooLarge(name: spec.name, count: n, limit: SceneSchema.maximumElements), at: spec.location)
        }
    }
}

/// FNV-1a over the UTF-8 bytes: the same 64-bit value for the same text on every run.
func stableHash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        h ^= UInt64(byte)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}
