import Yams

/// Decodes a scene's YAML into a `Scene`, reporting every problem it finds.
///
/// Returns nil only when there is nothing usable (not a mapping, no valid `op`); otherwise it
/// returns what it could decode, and the caller treats any diagnostic as fatal for evaluation.
func decodeScene(_ node: Node, fenceLine: Int, reader r: NodeReader) -> Scene? {
    let known = SceneSchema.structuralFields + SceneSchema.inputDefaults.keys.sorted() + SceneSchema.allOptions
    guard let pairs = r.mapping(node, .scene, known: known) else { return nil }
    let fieldsByName = Dictionary(pairs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    if let stagesPair = fieldsByName["stages"] {
        return decodeStagedScene(pairs, stages: stagesPair, fenceLine: fenceLine, reader: r)
    }
    guard let opPair = fieldsByName["op"] else {
        r.sink.error(SourceLocation(line: fenceLine), SceneProblem.noOp(choices: SceneOp.allCases.map(\.rawValue)))
        return nil
    }
    guard let opName = r.string(opPair.value, .field("op")) else { return nil }
    guard let op = SceneOp(rawValue: opName) else {
        r.error(opPair.value, SceneProblem.unknownOp(opName, suggestion: closestName(to: opName, in: SceneOp.allCases.map(\.rawValue))))
        return nil
    }
    var scene = Scene(location: SourceLocation(line: fenceLine), op: op, opLocation: r.location(opPair.value))
    let inputs = SceneSchema.inputs(of: op)
    let options = SceneSchema.options(of: op)

    for (key, keyNode, value) in pairs {
        switch key {
        case "op", "views", "controls", "stages": break
        case "tokens", "keyTokens":
            decodeTokens(key, value, into: &scene, reader: r)
        case "tensors":
            decodeTensors(value, into: &scene, reader: r)
        case "params":
            // Only this op's own names are reserved, so a `params:` name stays valid when
            // another op gains an option or input of that name.
            decodeParams(value, reserved: Set(options).union(inputs), into: &scene, reader: r)
        case _ where SceneSchema.inputDefaults[key] != nil:
            guard inputs.contains(key) else {
                r.error(keyNode, SceneProblem.noSuchInput(op: op.rawValue, input: key, reads: inputs))
                continue
            }
            guard let name = r.string(value, .input(key)) else { continue }
            scene.inputs[key] = NamedReference(name: name, location: r.location(value))
        default:
            guard options.contains(key) else {
                r.error(keyNode, SceneProblem.unusedOption(op: op.rawValue, option: key, suggestion: closestName(to: key, in: options)))
                continue
            }
            if let option = decodeOption(key, value, reader: r) { scene.options[key] = option }
        }
    }

    for required in SceneSchema.requiredOptions(of: op) where fieldsByName[required] == nil {
        r.sink.error(scene.opLocation, SceneProblem.missingRequired(op: op.rawValue, field: required))
    }
    // An explicit input must name a declared tensor; defaults are checked when evaluating.
    for (_, ref) in scene.inputs.sorted(by: { $0.key < $1.key }) where scene.tensorSpec(ref.name) == nil {
        r.sink.error(ref.location, SceneProblem.unknownTensor(ref.name, suggestion: closestName(to: ref.name, in: scene.tensors.map(\.name))))
    }
    if let keyTokens = fieldsByName["keyTokens"], !op.declaration.takesKeyTokens {
        let ops = OperationDeclaration.all.filter(\.takesKeyTokens).map(\.op.rawValue)
        r.error(keyTokens.keyNode, SceneProblem.keyTokensNotApplicable(ops: ops))
    }
    if let views = fieldsByName["views"] { scene.views = decodeViews(views.value, reader: r) }
    if let controls = fieldsByName["controls"] { scene.controls = decodeControls(controls.value, scene: scene, reader: r) }
    return scene
}

/// One option's value, checked against its type in `SceneSchema`.
private func decodeOption(_ key: String, _ value: Node, reader r: NodeReader) -> SceneOption? {
    let location = r.location(value)
    switch SceneSchema.type(of: key) {
    case .number:
        return r.number(value, .field(key)).map { SceneOption(value: .number($0), location: location) }
    case .integer:
        return r.integer(value, .field(key)).map { SceneOption(value: .number(Double($0)), location: location) }
    case .bool:
        return r.bool(value, .field(key)).map { SceneOption(value: .bool($0), location: location) }
    case .integers:
        return r.integers(value, .field(key)).map { SceneOption(value: .integers($0), location: location) }
    case .token:
        // A token by position (`follow: 2`) or by its text (`follow: cat`, the first such token).
        if case .scalar(let s) = value, let i = Int(s.string) { return SceneOption(value: .number(Double(i)), location: location) }
        return r.string(value, .field(key)).map { SceneOption(value: .name($0), location: location) }
    case .text:
        return r.string(value, .field(key)).map { SceneOption(value: .name($0), location: location) }
    case .choice(let names):
        guard let name = r.string(value, .field(key)) else { return nil }
        guard names.contains(name) else {
            r.error(value, SceneProblem.unknownChoice(option: key, value: name, suggestion: closestName(to: name, in: names), choices: names))
            return nil
        }
        return SceneOption(value: .name(name), location: location)
    }
}

/// The list under `views:`; each item is a view name or a mapping with `view:`.
private func decodeViews(_ node: Node, reader r: NodeReader) -> [ViewSpec] {
    guard let items = r.sequence(node, .field("views")) else { return [] }
    let kinds = ViewKind.allCases.map(\.rawValue)
    var views: [ViewSpec] = []
    for item in items {
        if case .scalar(let s) = item {
            guard let kind = ViewKind(rawValue: s.string) else {
                r.error(item, SceneProblem.unknownView(s.string, suggestion: closestName(to: s.string, in: kinds)))
                continue
            }
            views.append(ViewSpec(kind: kind, location: r.location(item)))
            continue
        }
        guard let pairs = r.mapping(item, .view) else { continue }
        guard let kindPair = pairs.first(where: { $0.key == "view" }), let name = r.string(kindPair.value, .field("view")) else {
            r.error(item, SceneProblem.viewNeedsKind(choices: kinds))
            continue
        }
        guard let kind = ViewKind(rawValue: name) else {
            r.error(kindPair.value, SceneProblem.unknownView(name, suggestion: closestName(to: name, in: kinds)))
            continue
        }
        var view = ViewSpec(kind: kind, location: r.location(item))
        let allowed = SceneSchema.viewFields(kind)
        for (key, keyNode, value) in pairs where key != "view" {
            guard key == "title" || allowed.contains(key) else {
                r.error(keyNode, SceneProblem.viewHasNoField(view: kind.rawValue, field: key, suggestion: closestName(to: key, in: allowed + ["title"])))
                continue
            }
            switch key {
            case "title": view.title = r.string(value, .field("title"))
            case "tensor": view.tensor = r.string(value, .field("tensor"))
            case "tensors": view.tensors = r.strings(value, .field("tensors"))
            case "query": view.query = r.numberRef(value, .field("query"))
            case "key": view.key = r.numberRef(value, .field("key"))
            case "head": view.head = r.numberRef(value, .field("head"))
            default: break
            }
        }
        views.append(view)
    }
    return views
}

/// `tokens:` or `keyTokens:` (the field `key`), a list of at most `SceneSchema.maximumTokens` strings;
/// one-op and staged scenes read them alike, as they do `tensors:` and `params:`.
private func decodeTokens(_ key: String, _ value: Node, into scene: inout Scene, reader r: NodeReader) {
    guard let list = r.strings(value, .field(key)) else { return }
    if list.count > SceneSchema.maximumTokens {
        r.error(value, SceneProblem.tooManyTokens(field: key, count: list.count, limit: SceneSchema.maximumTokens))
    } else if key == "tokens" { scene.tokens = list } else { scene.keyTokens = list }
}

/// `tensors:`, a mapping of names to tensor sources.
private func decodeTensors(_ value: Node, into scene: inout Scene, reader r: NodeReader) {
    guard let entries = r.mapping(value, .field("tensors")) else { return }
    for (name, nameNode, spec) in entries {
        if let source = decodeTensorSource(spec, name: name, reader: r) {
            scene.tensors.append(TensorSpec(name: name, source: source, location: r.location(nameNode)))
        }
    }
}

/// `params:`, a mapping of names to numbers; a `reserved` name (an option or input of the scene's
/// op) is an error.
private func decodeParams(_ value: Node, reserved: Set<String>, into scene: inout Scene, reader r: NodeReader) {
    guard let entries = r.mapping(value, .field("params")) else { return }
    for (name, nameNode, v) in entries {
        if reserved.contains(name) {
            r.error(nameNode, SceneProblem.builtInOptionInParams(name))
        } else if let x = r.number(v, .parameter(name)) {
            scene.params[name] = SceneOption(value: .number(x), location: r.location(nameNode))
        }
    }
}

/// A scene with `stages:`: shared tokens, tensors and params, then operations in order, each
/// reading declared tensors or earlier stages' results (`attn.output`).
private func decodeStagedScene(_ pairs: [(key: String, keyNode: Node, value: Node)], stages stagesPair: (key: String, keyNode: Node, value: Node),
                               fenceLine: Int, reader r: NodeReader) -> Scene? {
    guard let items = r.sequence(stagesPair.value, .field("stages")), !items.isEmpty else {
        r.error(stagesPair.value, SceneProblem.stagesEmpty)
        return nil
    }
    var scene = Scene(location: SourceLocation(line: fenceLine), op: .attention, opLocation: r.location(stagesPair.keyNode))
    var viewsNode: Node?
    var controlsNode: Node?
    for (key, keyNode, value) in pairs {
        switch key {
        case "stages": break
        case "views": viewsNode = value
        case "controls": controlsNode = value
        case "tokens", "keyTokens":
            decodeTokens(key, value, into: &scene, reader: r)
        case "tensors":
            decodeTensors(value, into: &scene, reader: r)
        case "params":
            decodeParams(value, reserved: [], into: &scene, reader: r)
        case "query", "head":
            if let option = decodeOption(key, value, reader: r) { scene.options[key] = option }
        default:
            r.error(keyNode, SceneProblem.stagedTopLevelField(key))
        }
    }
    for item in items {
        guard let stage = decodeStage(item, earlier: scene.stages, scene: scene, reader: r) else { continue }
        scene.stages.append(stage)
    }
    guard let last = scene.stages.last else { return nil }
    scene.op = last.op
    scene.opLocation = last.opLocation
    if let viewsNode { scene.views = decodeViews(viewsNode, reader: r) }
    if let controlsNode { scene.controls = decodeControls(controlsNode, scene: scene, reader: r) }
    return scene
}

/// One item of `stages:`: `{name: attn, op: multiHead, x: X, numHeads: 2}`.
private func decodeStage(_ node: Node, earlier: [StageSpec], scene: Scene, reader r: NodeReader) -> StageSpec? {
    let known = ["name", "op"] + SceneSchema.inputDefaults.keys.sorted() + SceneSchema.allOptions.filter { $0 != "query" && $0 != "head" }
    guard let pairs = r.mapping(node, .stage, known: known) else { return nil }
    let byKey = Dictionary(pairs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    guard let namePair = byKey["name"], let name = r.string(namePair.value, .field("name")) else {
        r.error(node, SceneProblem.stageNeedsName)
        return nil
    }
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.first?.isLetter == true else {
        r.error(namePair.value, SceneProblem.stageNameInvalid(name))
        return nil
    }
    if earlier.contains(where: { $0.name == name }) { r.error(namePair.value, SceneProblem.duplicateStage(name)) }
    guard let opPair = byKey["op"], let opName = r.string(opPair.value, .field("op")) else {
        r.error(node, SceneProblem.stageHasNoOp(stage: name, choices: SceneOp.allCases.map(\.rawValue)))
        return nil
    }
    guard let op = SceneOp(rawValue: opName) else {
        r.error(opPair.value, SceneProblem.unknownOp(opName, suggestion: closestName(to: opName, in: SceneOp.allCases.map(\.rawValue))))
        return nil
    }
    var stage = StageSpec(name: name, op: op, opLocation: r.location(opPair.value), location: r.location(node))
    let inputs = SceneSchema.inputs(of: op)
    let options = op.declaration.options.map(\.name)
    let available = scene.tensors.map(\.name) + earlier.compactMap(\.name).map { "\($0).output" }
    for (key, keyNode, value) in pairs where key != "name" && key != "op" {
        if SceneSchema.inputDefaults[key] != nil {
            guard inputs.contains(key) else {
                r.error(keyNode, SceneProblem.noSuchInput(op: op.rawValue, input: key, reads: inputs))
                continue
            }
            guard let ref = r.string(value, .input(key)) else { continue }
            let reference = TensorReference(parsing: ref)
            let fromStage = reference.stage.flatMap { s in earlier.first { $0.name == s } }
            if scene.tensorSpec(ref) == nil && fromStage == nil {
                r.error(value, SceneProblem.stageReadsUnknown(stage: name, reference: ref, suggestion: closestName(to: ref, in: available)))
                continue
            }
            stage.inputs[key] = NamedReference(name: ref, location: r.location(value))
        } else {
            guard options.contains(key) else {
                r.error(keyNode, SceneProblem.unusedOption(op: op.rawValue, option: key, suggestion: closestName(to: key, in: options)))
                continue
            }
            if let option = decodeOption(key, value, reader: r) { stage.options[key] = option }
        }
    }
    for required in SceneSchema.requiredOptions(of: op) where stage.options[required] == nil {
        r.sink.error(stage.opLocation, SceneProblem.missingRequired(op: op.rawValue, field: required))
    }
    return stage
}
