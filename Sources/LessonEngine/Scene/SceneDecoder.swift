import Yams

/// Decodes a scene's YAML into a `Scene`, reporting every problem it finds.
///
/// Returns nil only when there is nothing usable (not a mapping, no valid `op`); otherwise it
/// returns what it could decode, and the caller treats any diagnostic as fatal for evaluation.
func decodeScene(_ node: Node, fenceLine: Int, reader r: NodeReader) -> Scene? {
    let known = SceneSchema.structuralFields + SceneSchema.inputDefaults.keys.sorted() + SceneSchema.allOptions
    guard let pairs = r.mapping(node, "the scene", known: known) else { return nil }
    let fieldsByName = Dictionary(pairs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })

    if let stagesPair = fieldsByName["stages"] {
        return decodeStagedScene(pairs, stages: stagesPair, fenceLine: fenceLine, reader: r)
    }
    guard let opPair = fieldsByName["op"] else {
        r.sink.error(SourceLocation(line: fenceLine), "the scene has no 'op:'; choose one of \(listOfNames(SceneOp.allCases.map(\.rawValue)))")
        return nil
    }
    guard let opName = r.string(opPair.value, "'op'") else { return nil }
    guard let op = SceneOp(rawValue: opName) else {
        r.error(opPair.value, "unknown op '\(opName)'\(suggestion(for: opName, in: SceneOp.allCases.map(\.rawValue)))")
        return nil
    }
    var scene = Scene(location: SourceLocation(line: fenceLine), op: op, opLocation: r.location(opPair.value))
    let inputs = SceneSchema.inputs(of: op)
    let options = SceneSchema.options(of: op)

    for (key, keyNode, value) in pairs {
        switch key {
        case "op", "views", "controls", "stages": break
        case "tokens", "keyTokens":
            guard let list = r.strings(value, "'\(key)'") else { continue }
            if list.count > SceneSchema.maximumTokens {
                r.error(value, "'\(key)' has \(list.count) tokens, more than the limit of \(SceneSchema.maximumTokens)")
            } else if key == "tokens" { scene.tokens = list } else { scene.keyTokens = list }
        case "tensors":
            guard let entries = r.mapping(value, "'tensors'") else { continue }
            for (name, nameNode, spec) in entries {
                if let source = decodeTensorSource(spec, name: name, reader: r) {
                    scene.tensors.append(TensorSpec(name: name, source: source, location: r.location(nameNode)))
                }
            }
        case "params":
            guard let entries = r.mapping(value, "'params'") else { continue }
            for (name, nameNode, v) in entries {
                // Only this op's own names are reserved, so a `params:` name stays valid when
                // another op gains an option or input of that name.
                if options.contains(name) || inputs.contains(name) {
                    r.error(nameNode, "'\(name)' is a built-in option; set it directly in the scene instead of under 'params'")
                } else if let x = r.number(v, "parameter '\(name)'") {
                    scene.params[name] = SceneOption(value: .number(x), location: r.location(nameNode))
                }
            }
        case _ where SceneSchema.inputDefaults[key] != nil:
            guard inputs.contains(key) else {
                let takes = inputs.isEmpty ? "it takes no input tensors" : "it reads \(listOfNames(inputs))"
                r.error(keyNode, "op '\(op.rawValue)' has no input '\(key)'; \(takes)")
                continue
            }
            guard let name = r.string(value, "input '\(key)'") else { continue }
            scene.inputs[key] = NamedReference(name: name, location: r.location(value))
        default:
            guard options.contains(key) else {
                r.error(keyNode, "op '\(op.rawValue)' does not use the option '\(key)'\(suggestion(for: key, in: options))")
                continue
            }
            if let option = decodeOption(key, value, reader: r) { scene.options[key] = option }
        }
    }

    for required in SceneSchema.requiredOptions(of: op) where fieldsByName[required] == nil {
        r.sink.error(scene.opLocation, "op '\(op.rawValue)' needs '\(required):'")
    }
    // An explicit input must name a declared tensor; defaults are checked when evaluating.
    for (_, ref) in scene.inputs.sorted(by: { $0.key < $1.key }) where scene.tensorSpec(ref.name) == nil {
        r.sink.error(ref.location, "unknown tensor '\(ref.name)'\(suggestion(for: ref.name, in: scene.tensors.map(\.name)))")
    }
    if let keyTokens = fieldsByName["keyTokens"], !op.declaration.takesKeyTokens {
        let ops = OperationDeclaration.all.filter(\.takesKeyTokens).map(\.op.rawValue)
        r.error(keyTokens.keyNode, "'keyTokens' only applies to \(ops.joined(separator: " and ")) scenes")
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
        return r.number(value, "'\(key)'").map { SceneOption(value: .number($0), location: location) }
    case .integer:
        return r.integer(value, "'\(key)'").map { SceneOption(value: .number(Double($0)), location: location) }
    case .bool:
        return r.bool(value, "'\(key)'").map { SceneOption(value: .bool($0), location: location) }
    case .integers:
        return r.integers(value, "'\(key)'").map { SceneOption(value: .integers($0), location: location) }
    case .token:
        // A token by position (`follow: 2`) or by its text (`follow: cat`, the first such token).
        if case .scalar(let s) = value, let i = Int(s.string) { return SceneOption(value: .number(Double(i)), location: location) }
        return r.string(value, "'\(key)'").map { SceneOption(value: .name($0), location: location) }
    case .text:
        return r.string(value, "'\(key)'").map { SceneOption(value: .name($0), location: location) }
    case .choice(let names):
        guard let name = r.string(value, "'\(key)'") else { return nil }
        guard names.contains(name) else {
            r.error(value, "unknown \(key) '\(name)'\(suggestion(for: name, in: names)); choose one of \(listOfNames(names))")
            return nil
        }
        return SceneOption(value: .name(name), location: location)
    }
}

/// The list under `views:`; each item is a view name or a mapping with `view:`.
private func decodeViews(_ node: Node, reader r: NodeReader) -> [ViewSpec] {
    guard let items = r.sequence(node, "'views'") else { return [] }
    let kinds = ViewKind.allCases.map(\.rawValue)
    var views: [ViewSpec] = []
    for item in items {
        if case .scalar(let s) = item {
            guard let kind = ViewKind(rawValue: s.string) else {
                r.error(item, "unknown view '\(s.string)'\(suggestion(for: s.string, in: kinds))")
                continue
            }
            views.append(ViewSpec(kind: kind, location: r.location(item)))
            continue
        }
        guard let pairs = r.mapping(item, "a view") else { continue }
        guard let kindPair = pairs.first(where: { $0.key == "view" }), let name = r.string(kindPair.value, "'view'") else {
            r.error(item, "a view needs 'view:', one of \(listOfNames(kinds))")
            continue
        }
        guard let kind = ViewKind(rawValue: name) else {
            r.error(kindPair.value, "unknown view '\(name)'\(suggestion(for: name, in: kinds))")
            continue
        }
        var view = ViewSpec(kind: kind, location: r.location(item))
        let allowed = SceneSchema.viewFields(kind)
        for (key, keyNode, value) in pairs where key != "view" {
            guard key == "title" || allowed.contains(key) else {
                r.error(keyNode, "the \(kind.rawValue) view has no field '\(key)'\(suggestion(for: key, in: allowed + ["title"]))")
                continue
            }
            switch key {
            case "title": view.title = r.string(value, "'title'")
            case "tensor": view.tensor = r.string(value, "'tensor'")
            case "tensors": view.tensors = r.strings(value, "'tensors'")
            case "query": view.query = r.numberRef(value, "'query'")
            case "head": view.head = r.numberRef(value, "'head'")
            default: break
            }
        }
        views.append(view)
    }
    return views
}

/// A scene with `stages:`: shared tokens, tensors and params, then operations in order, each
/// reading declared tensors or earlier stages' results (`attn.output`).
private func decodeStagedScene(_ pairs: [(key: String, keyNode: Node, value: Node)], stages stagesPair: (key: String, keyNode: Node, value: Node),
                               fenceLine: Int, reader r: NodeReader) -> Scene? {
    guard let items = r.sequence(stagesPair.value, "'stages'"), !items.isEmpty else {
        r.error(stagesPair.value, "'stages' needs at least one stage")
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
            guard let list = r.strings(value, "'\(key)'") else { continue }
            if list.count > SceneSchema.maximumTokens {
                r.error(value, "'\(key)' has \(list.count) tokens, more than the limit of \(SceneSchema.maximumTokens)")
            } else if key == "tokens" { scene.tokens = list } else { scene.keyTokens = list }
        case "tensors":
            guard let entries = r.mapping(value, "'tensors'") else { continue }
            for (name, nameNode, spec) in entries {
                if let source = decodeTensorSource(spec, name: name, reader: r) {
                    scene.tensors.append(TensorSpec(name: name, source: source, location: r.location(nameNode)))
                }
            }
        case "params":
            guard let entries = r.mapping(value, "'params'") else { continue }
            for (name, nameNode, v) in entries {
                if let x = r.number(v, "parameter '\(name)'") { scene.params[name] = SceneOption(value: .number(x), location: r.location(nameNode)) }
            }
        case "query", "head":
            if let option = decodeOption(key, value, reader: r) { scene.options[key] = option }
        default:
            r.error(keyNode, "a scene with 'stages' sets '\(key)' inside a stage, not at the top")
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
    guard let pairs = r.mapping(node, "a stage", known: known) else { return nil }
    let byKey = Dictionary(pairs.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    guard let namePair = byKey["name"], let name = r.string(namePair.value, "'name'") else {
        r.error(node, "a stage needs 'name:', the name its results are known by (attn, ffn, norm1, …)")
        return nil
    }
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.first?.isLetter == true else {
        r.error(namePair.value, "a stage's name is letters, digits and _, starting with a letter; got '\(name)'")
        return nil
    }
    if earlier.contains(where: { $0.name == name }) { r.error(namePair.value, "there is already a stage '\(name)'") }
    guard let opPair = byKey["op"], let opName = r.string(opPair.value, "'op'") else {
        r.error(node, "stage '\(name)' has no 'op:'; choose one of \(listOfNames(SceneOp.allCases.map(\.rawValue)))")
        return nil
    }
    guard let op = SceneOp(rawValue: opName) else {
        r.error(opPair.value, "unknown op '\(opName)'\(suggestion(for: opName, in: SceneOp.allCases.map(\.rawValue)))")
        return nil
    }
    var stage = StageSpec(name: name, op: op, opLocation: r.location(opPair.value), location: r.location(node))
    let inputs = SceneSchema.inputs(of: op)
    let options = op.declaration.options.map(\.name)
    let available = scene.tensors.map(\.name) + earlier.compactMap(\.name).map { "\($0).output" }
    for (key, keyNode, value) in pairs where key != "name" && key != "op" {
        if SceneSchema.inputDefaults[key] != nil {
            guard inputs.contains(key) else {
                r.error(keyNode, "op '\(op.rawValue)' has no input '\(key)'; it reads \(listOfNames(inputs))")
                continue
            }
            guard let ref = r.string(value, "input '\(key)'") else { continue }
            let reference = TensorReference(parsing: ref)
            let fromStage = reference.stage.flatMap { s in earlier.first { $0.name == s } }
            if scene.tensorSpec(ref) == nil && fromStage == nil {
                r.error(value, "stage '\(name)' reads '\(ref)', which is neither a declared tensor nor an earlier stage's result\(suggestion(for: ref, in: available))")
                continue
            }
            stage.inputs[key] = NamedReference(name: ref, location: r.location(value))
        } else {
            guard options.contains(key) else {
                r.error(keyNode, "op '\(op.rawValue)' does not use the option '\(key)'\(suggestion(for: key, in: options))")
                continue
            }
            if let option = decodeOption(key, value, reader: r) { stage.options[key] = option }
        }
    }
    for required in SceneSchema.requiredOptions(of: op) where stage.options[required] == nil {
        r.sink.error(stage.opLocation, "op '\(op.rawValue)' needs '\(required):'")
    }
    return stage
}
