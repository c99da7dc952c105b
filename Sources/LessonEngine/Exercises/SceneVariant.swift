/// Per-student variants: the same scene with its random inputs drawn from another seed.
///
/// `--seed N` re-seeds every seeded tensor of a scene (`random`, `embed`) and the `seed` of
/// every operation that draws random weights of its own (`multiHead`, `ffn`, `transformerBlock`,
/// …: those that declare a `seed` option), in a single-op scene and in every stage. Each tensor's new seed mixes N with the
/// tensor's name and its original seed through FNV-1a, so tensors stay independent of each
/// other and the same N gives the same numbers on every machine. Literal tensors do not
/// change: their numbers are the lesson's point.
public func sceneVariant(_ scene: Scene, seed: UInt64) -> Scene {
    var out = scene
    out.tensors = scene.tensors.map { spec in
        TensorSpec(name: spec.name, source: reseeded(spec.source, name: spec.name, seed: seed), location: spec.location)
    }
    if drawsWeights(scene.op) {
        out.options["seed"] = reseededOption(scene.options["seed"], label: scene.op.rawValue, seed: seed, at: scene.opLocation)
    }
    for i in out.stages.indices where drawsWeights(out.stages[i].op) {
        let stage = out.stages[i]
        let label = [stage.layer.map { "layer\($0)" }, stage.name, stage.op.rawValue].compactMap { $0 }.joined(separator: ".")
        out.stages[i].options["seed"] = reseededOption(stage.options["seed"], label: label, seed: seed, at: stage.opLocation)
    }
    return out
}

/// Whether `op` draws random weights from a `seed` option of its own.
private func drawsWeights(_ op: SceneOp) -> Bool {
    op.declaration.options.contains { $0.name == "seed" }
}

/// An op's `seed` option mixed with `seed` (FNV-1a of "N/label/old seed"; for a single-op
/// `multiHead` scene the same numbers as before stages existed).
private func reseededOption(_ old: SceneOption?, label: String, seed: UInt64, at location: SourceLocation) -> SceneOption {
    let n = stableHash("\(seed)/\(label)/\(seedText(old))") % UInt64(Int32.max)
    return SceneOption(value: .number(Double(n)), location: old?.location ?? location)
}

/// The multiHead seed option as text, "0" when unset.
///
/// A separate function on purpose: written inline as `old?.number.map(fmt)`, it crashed the
/// Swift 6.3.1 optimiser in release builds ("Found outside of lifetime use" in CopyPropagation).
private func seedText(_ option: SceneOption?) -> String {
    guard let option, let x = option.number else { return "0" }
    return messageNumber(x, .en)
}

/// A tensor source with its seed mixed with `seed`; sources without a seed are returned unchanged.
private func reseeded(_ source: TensorSource, name: String, seed: UInt64) -> TensorSource {
    switch source {
    case let .normal(shape, seedRef, mean, std):
        return .normal(shape: shape, seed: mixedSeed(seedRef, name: name, seed: seed), mean: mean, std: std)
    case let .uniform(shape, seedRef, low, high):
        return .uniform(shape: shape, seed: mixedSeed(seedRef, name: name, seed: seed), low: low, high: high)
    case let .embed(tokens, dim, seedRef, std):
        return .embed(tokens: tokens, dim: dim, seed: mixedSeed(seedRef, name: name, seed: seed), std: std)
    case .rows, .vector, .onehot:
        return source
    }
}

/// FNV-1a of "N/name/original seed", kept within 0…Int32.max, the range the tensor decoder accepts.
private func mixedSeed(_ ref: NumberRef, name: String, seed: UInt64) -> NumberRef {
    let original: String
    switch ref.value {
    case .literal(let x): original = messageNumber(x, .en)
    case .parameter(let p): original = "$" + p
    }
    let s = stableHash("\(seed)/\(name)/\(original)") % UInt64(Int32.max)
    return NumberRef(value: .literal(Double(s)), location: ref.location)
}

/// Every scene of a lesson re-seeded (see `sceneVariant`); nil keeps the lesson as written.
///
/// A draw that would ask one of the step's exercises unfairly (an answer within reach of a
/// plausible mistake, a near tie: `isFair`) is drawn again with a seed derived from N, up to
/// `maximumVariantRedraws` times, so the same N still gives the same numbers everywhere.
public func lessonVariant(_ lesson: Lesson, seed: UInt64?) -> Lesson {
    guard let seed else { return lesson }
    var out = lesson
    let exercises = Dictionary(lessonExercises(lesson).steps.map { ($0.stepIndex, $0.exercises) }, uniquingKeysWith: { a, _ in a })
    for i in out.steps.indices {
        guard let scene = out.steps[i].scene else { continue }
        let asked = exercises[i] ?? []
        var candidate = sceneVariant(scene, seed: seed)
        var redraw = 0
        while redraw < maximumVariantRedraws, !isFair(asked, in: candidate) {
            redraw += 1
            candidate = sceneVariant(scene, seed: stableHash("\(seed)/redraw/\(redraw)") % UInt64(Int32.max))
        }
        out.steps[i].scene = candidate
    }
    return out
}

/// The seed of `--student NAME`: FNV-1a 64 of the trimmed, lowercased name, so "Ana " and
/// "ana" get the same numbers and every machine agrees.
public func studentSeed(_ name: String) -> UInt64 {
    stableHash(name.trimmedOf(" \t\n").lowercased()) % UInt64(Int32.max)
}
