import AttentionKernel

/// Computes a scene through the AttentionKernel.
///
/// `overrides` sets parameters by name as the explorer's controls do, as numbers (`temperature`,
/// `window`, `query`, a `params:` entry, or a choice such as `mask` by its position in the
/// control's list). Throws a `SceneError` at the scene line responsible: a tensor that does not
/// exist, shapes the kernel refuses, a token list that does not match its matrix, a view that
/// names a missing tensor.
public func evaluate(_ scene: Scene, overrides: [String: Double] = [:]) throws -> ComputedScene {
    try evaluate(SceneEnvironment(scene: scene, overrides: overrides))
}

/// Evaluates with typed values already checked by `sceneParameters(_:for:)`.
func evaluate(_ scene: Scene, typed values: [String: ParameterValue]) throws -> ComputedScene {
    try evaluate(SceneEnvironment(scene: scene, values: values))
}

func evaluate(_ env: SceneEnvironment) throws -> ComputedScene {
    let scene = env.scene
    var result = ComputedScene()
    if scene.isStaged {
        try runStaged(env, into: &result)
    } else {
        try runStage(env, stage: nil, layer: nil, into: &result)
    }
    try NumericSafety.checkResult(result, scene: scene)
    result.views = try resolveViews(scene, result, env: env)
    result.parameters = env.allValues
    result.parameterValues = env.allTyped
    return result
}

/// Runs one stage through the memo: its results are added to `result` under its name.
func runStage(_ env: SceneEnvironment, stage: String?, layer: Int?, into result: inout ComputedScene) throws {
    let scene = env.scene
    let key = StageMemo.Key(
        stage: stage, layer: layer, op: scene.op.rawValue, inputs: scene.inputs, options: scene.options, tensors: scene.tensors,
        params: scene.params, tokens: scene.tokens, keyTokens: scene.keyTokens, values: env.values)
    if let hit = StageMemo.shared.entry(key) {
        for t in hit.tensors {
            if let i = result.tensors.firstIndex(where: { $0.key == t.key }) { result.tensors[i] = t } else { result.tensors.append(t) }
        }
        result.notes += hit.notes
        return
    }
    var evaluator = SceneEvaluator(env: env)
    evaluator.result.currentStage = stage
    evaluator.result.currentLayer = layer
    try checkCost(env)
    try evaluator.run()
    StageMemo.shared.store(StageMemo.Entry(tensors: evaluator.result.tensors, notes: evaluator.result.notes), for: key)
    for t in evaluator.result.tensors {
        if let i = result.tensors.firstIndex(where: { $0.key == t.key }) { result.tensors[i] = t } else { result.tensors.append(t) }
    }
    result.notes += evaluator.result.notes
}

/// Runs a scene's stages in order. Each stage sees the declared tensors and every earlier
/// stage's results (as `stage.name`), and the values set for it as `stage.option`.
func runStaged(_ env: SceneEnvironment, into result: inout ComputedScene) throws {
    let scene = env.scene
    var bound: [TensorSpec] = []
    var recordedInputs: Set<String> = []
    // The results some later stage reads: only those are handed on.
    let wanted = Set(scene.stages.flatMap { $0.inputs.values.map(\.name) })
    for stage in scene.stages {
        var sub = scene
        sub.stages = []
        sub.op = stage.op
        sub.opLocation = stage.opLocation
        sub.inputs = stage.inputs
        sub.options = stage.options
        sub.views = []
        sub.controls = []
        // Only what this stage reads of the earlier results: the memo key stays small.
        let reads = Set(stage.inputs.values.map(\.name))
        sub.tensors = scene.tensors + bound.filter { reads.contains($0.name) }
        let prefix = (stage.name ?? "") + "."
        var values: [String: ParameterValue] = [:]
        for (name, value) in env.values {
            if name.hasPrefix(prefix) { values[String(name.dropFirst(prefix.count))] = value }
            else if scene.params[name] != nil { values[name] = value }
        }
        let stageEnv = try SceneEnvironment(scene: sub, values: values)
        var stageResult = ComputedScene()
        try runStage(stageEnv, stage: stage.name, layer: stage.layer, into: &stageResult)
        // What a stage read is recorded once, under its own name: a declared tensor at the top,
        // an earlier stage's result where that stage put it.
        let read = Set(sub.tensors.map(\.name))
        for t in stageResult.tensors {
            if read.contains(t.key.name) {
                if scene.tensorSpec(t.key.name) != nil, recordedInputs.insert(t.key.name).inserted {
                    result.add(ResultKey(name: t.key.name), t.tensor, role: .input, display: t.key.name, caption: "", rows: t.rowLabels, columns: t.columnLabels)
                }
                continue
            }
            result.tensors.append(t)
            if wanted.contains(t.name) { bound.append(TensorSpec(name: t.name, source: literalSource(t.tensor), location: stage.location)) }
        }
        result.notes += stageResult.notes
    }
}

/// A result handed to a later stage, as the literal tensor that stage declares.
private func literalSource(_ t: Tensor) -> TensorSource {
    if t.rank == 2 { return .rows(t.matrixRows.map { $0.map(Double.init) }) }
    return .vector(t.scalars.map(Double.init))
}

/// The running state of one evaluation: the environment, the declared tensors, the outputs.
struct SceneEvaluator {
    let scene: Scene
    let env: SceneEnvironment
    var materializer: TensorMaterializer
    var result = ComputedScene()

    init(env: SceneEnvironment) {
        self.scene = env.scene
        self.env = env
        materializer = TensorMaterializer(env: env)
        result.currentOp = scene.op
    }

    var tokens: [String] { scene.tokens }
    var keyTokens: [String] { scene.effectiveKeyTokens }

    mutating func run() throws {
        do {
            try scene.op.declaration.run(&self)
        } catch let e as KernelError {
            // The kernel names the product or stage; the scene line to fix is the op's.
            throw SceneError(.opCannotRun(op: scene.op.rawValue, detail: e.message), at: scene.opLocation)
        }
    }

    /// The tensor name an input slot reads: the scene's choice, else the slot's default.
    func inputName(_ slot: String) -> String {
        scene.inputs[slot]?.name ?? SceneSchema.defaultTensor(for: slot, op: scene.op)
    }

    /// Whether an input's tensor exists (explicitly named or declared under its default name).
    func hasInput(_ slot: String) -> Bool {
        scene.inputs[slot] != nil || scene.tensorSpec(inputName(slot)) != nil
    }

    /// An input tensor, or an error naming the slot and the tensor expected.
    mutating func input(_ slot: String) throws -> Tensor {
        let name = inputName(slot)
        if let t = try materializer.tensor(name) { return t }
        let location = scene.inputs[slot]?.location ?? scene.opLocation
        throw SceneError(
            .needsTensor(op: scene.op.rawValue, tensor: name, slot: slot, suggestion: closestName(to: name, in: scene.tensors.map(\.name))),
            at: location)
    }

    /// Checks that a per-token input has one row per token.
    func checkRows(_ t: Tensor, slot: String, against labels: [String], side: SceneProblem.RowSide) throws {
        guard !labels.isEmpty, t.rank == 2, t.rows != labels.count else { return }
        let name = inputName(slot)
        let location = scene.tensorSpec(name)?.location ?? scene.inputs[slot]?.location ?? scene.opLocation
        throw SceneError(.rowsMismatch(tensor: name, rows: t.rows, labels: labels, side: side), at: location)
    }

    /// The mask the options ask for, or nil for `none`.
    func mask(queries: Int, keys: Int) throws -> AttentionMask? {
        let kind = MaskKind(rawValue: env.choice("mask")) ?? MaskKind.none
        let window = env.integer("window")
        let causal = env.bool("causal")
        do {
            switch kind {
            case .none: return nil
            case .causal: return .causal(queries: queries, keys: keys)
            case .padding: return try .padding(queries: queries, keys: keys, validKeys: env.integer("validKeys"))
            case .sliding: return try .slidingWindow(queries: queries, keys: keys, width: window, causal: causal)
            case .dilated:
                return try .dilatedSlidingWindow(queries: queries, keys: keys, width: window, dilation: env.integer("dilation"), causal: causal)
            case .globalSliding:
                var global = [0]
                if case .integers(let g)? = scene.options["global"]?.value { global = g }
                return try .globalSliding(queries: queries, keys: keys, width: window, global: global, causal: causal)
            }
        } catch let e as KernelError {
            let location = scene.options["mask"]?.location ?? scene.opLocation
            throw SceneError(.maskRefused(kind: kind.rawValue, detail: e.message), at: location)
        }
    }

    /// The mask as 0/1, for views that show which keys a query may see.
    static func maskTensor(_ m: AttentionMask) -> Tensor {
        (try? Tensor(shape: [m.queries, m.keys], scalars: m.allowed.map { $0 ? 1 : 0 })) ?? .zeros([0])
    }

    /// Adds every stage of an attention result under the lecture's names.
    mutating func addStages(_ a: AttentionResult, suffix: String = "", rows: [String], columns: [String]) {
        result.add("scores" + suffix, a.scores, rows: rows, columns: columns)
        result.add("scaled" + suffix, a.scaledScores, rows: rows, columns: columns)
        result.add("masked" + suffix, a.maskedScores, rows: rows, columns: columns)
        result.add("weights" + suffix, a.weights, rows: rows, columns: columns)
        result.add("output" + suffix, a.output, rows: rows)
        if !a.fullyMaskedRows.isEmpty {
            let names = a.fullyMaskedRows.map { $0 < rows.count ? "'\(rows[$0])'" : "\($0)" }
            result.notes.append("query row\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) can see no key: weights and output are all zero")
        }
    }

    /// The temperature, checked here so the message points at its line.
    func temperature() throws -> Float {
        let t = env.float("temperature")
        guard t.isFinite, t > 0 else {
            throw SceneError(.temperatureNotPositive(env.number("temperature")), at: env.location(of: "temperature"))
        }
        return t
    }

    /// The `scale` option, when set (nil means 1/√d_k).
    func scale() -> Float? { env.isSet("scale") ? env.float("scale") : nil }
}
