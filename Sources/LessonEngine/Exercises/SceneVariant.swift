/// Per-student variants: the same scene with its random inputs drawn from another seed.
///
/// `--seed N` re-seeds every seeded tensor of a scene (`random`, `embed`) and, for
/// `multiHead`, the seed of its random weights. Each tensor's new seed mixes N with the
/// tensor's name and its original seed through FNV-1a, so tensors stay independent of each
/// other and the same N gives the same numbers on every machine. Literal tensors do not
/// change: their numbers are the lesson's point.
public func sceneVariant(_ scene: Scene, seed: UInt64) -> Scene {
    var out = scene
    func mixed(_ ref: NumberRef, _ name: String) -> NumberRef {
        let original: String
        switch ref.value {
        case .literal(let x): original = fmt(x)
        case .parameter(let p): original = "$" + p
        }
        // Kept within 0…Int32.max, the range the tensor decoder accepts for seeds.
        let s = stableHash("\(seed)/\(name)/\(original)") % UInt64(Int32.max)
        return NumberRef(value: .literal(Double(s)), location: ref.location)
    }
    out.tensors = scene.tensors.map { spec in
        var spec = spec
        switch spec.source {
        case let .normal(shape, seedRef, mean, std):
            spec.source = .normal(shape: shape, seed: mixed(seedRef, spec.name), mean: mean, std: std)
        case let .uniform(shape, seedRef, low, high):
            spec.source = .uniform(shape: shape, seed: mixed(seedRef, spec.name), low: low, high: high)
        case let .embed(tokens, dim, seedRef, std):
            spec.source = .embed(tokens: tokens, dim: dim, seed: mixed(seedRef, spec.name), std: std)
        case .rows, .vector, .onehot:
            break
        }
        return spec
    }
    if scene.op == .multiHead {
        let old = scene.options["seed"]
        let n = stableHash("\(seed)/multiHead/\(old?.number.map(fmt) ?? "0")") % UInt64(Int32.max)
        out.options["seed"] = SceneOption(value: .number(Double(n)), location: old?.location ?? scene.opLocation)
    }
    return out
}

/// Every scene of a lesson re-seeded (see `sceneVariant`); nil keeps the lesson as written.
public func lessonVariant(_ lesson: Lesson, seed: UInt64?) -> Lesson {
    guard let seed else { return lesson }
    var out = lesson
    for i in out.steps.indices {
        if let scene = out.steps[i].scene { out.steps[i].scene = sceneVariant(scene, seed: seed) }
    }
    return out
}

/// The seed of `--student NAME`: FNV-1a 64 of the trimmed, lowercased name, so "Ana " and
/// "ana" get the same numbers and every machine agrees.
public func studentSeed(_ name: String) -> UInt64 {
    stableHash(name.trimmedOf(" \t\n").lowercased()) % UInt64(Int32.max)
}
