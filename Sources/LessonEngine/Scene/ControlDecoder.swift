import Yams

/// Decodes the list under `controls:` and checks each range against the scene.
///
/// A control must name a parameter this scene has (an option of its op, `query`, `head`, or a
/// `params:` entry), have min ≤ max and step > 0, and start inside its range.
func decodeControls(_ node: Node, scene: Scene, reader r: NodeReader) -> [ControlSpec] {
    guard let items = r.sequence(node, .field("controls")) else { return [] }
    let available = parameterNames(of: scene).filter { SceneSchema.type(of: $0).isControllable }
        + scene.params.keys.sorted()
    var controls: [ControlSpec] = []
    var seen: Set<String> = []
    for item in items {
        let fields = ["param", "min", "max", "step", "default", "values", "label"]
        guard let pairs = r.mapping(item, .control, known: fields) else { continue }
        let byKey = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let paramNode = byKey["param"], let param = r.string(paramNode, .field("param")) else {
            r.error(item, SceneProblem.controlNeedsParam(available: available))
            continue
        }
        guard available.contains(param) else {
            r.error(paramNode, SceneProblem.noParameterToControl(op: scene.op.rawValue, parameter: param, suggestion: closestName(to: param, in: available)))
            continue
        }
        if !seen.insert(param).inserted { r.error(paramNode, SceneProblem.alreadyControlled(param)) }
        let location = r.location(item)
        var values: [String]?
        if case .choice(let names) = SceneSchema.type(of: param) {
            values = byKey["values"].flatMap { r.strings($0, .field("values")) } ?? names
            if values?.isEmpty ?? false, let node = byKey["values"] {
                r.error(node, SceneProblem.valuesEmpty(parameter: param))
                values = names
            }
            for (i, v) in (values ?? []).enumerated() where !names.contains(v) {
                r.sink.error(byKey["values"].map(r.location) ?? location, SceneProblem.valueNotAChoice(index: i + 1, value: v, parameter: param, suggestion: closestName(to: v, in: names)))
            }
        } else if let valuesNode = byKey["values"] {
            r.error(valuesNode, SceneProblem.valuesNotApplicable)
        }
        // A token control moves along the tokens: its positions are labelled with their text.
        if case .token = SceneSchema.type(of: param), values == nil, !scene.tokens.isEmpty { values = scene.tokens }
        let defaultValue = byKey["default"].flatMap { r.number($0, .field("default")) }
            ?? sceneValue(of: param, in: scene, choices: values)
        let minimum = byKey["min"].flatMap { r.number($0, .field("min")) } ?? (values != nil ? 0 : nil)
        let maximum = byKey["max"].flatMap { r.number($0, .field("max")) } ?? values.map { Double($0.count - 1) }
        let step = byKey["step"].flatMap { r.number($0, .field("step")) } ?? 1
        guard let minimum, let maximum else {
            r.sink.error(location, SceneProblem.controlNeedsRange(parameter: param))
            continue
        }
        var ok = true
        if minimum > maximum {
            r.sink.error(byKey["min"].map(r.location) ?? location, SceneProblem.controlMinAboveMax(parameter: param, min: minimum, max: maximum))
            ok = false
        }
        if !(step > 0) {
            r.sink.error(byKey["step"].map(r.location) ?? location, SceneProblem.controlStepNotPositive(parameter: param, step: step))
            ok = false
        }
        if ok, SceneSchema.type(of: param).isWholeNumber || values != nil,
           [minimum, maximum, step].contains(where: { $0 != $0.rounded() }) {
            r.sink.error(location, SceneProblem.controlNeedsWholeNumbers(parameter: param))
            ok = false
        }
        if ok, let d = defaultValue, d < minimum || d > maximum {
            r.sink.error(location, SceneProblem.controlDefaultOutside(parameter: param, value: d, min: minimum, max: maximum))
        }
        let label = byKey["label"].flatMap { r.string($0, .field("label")) } ?? param
        controls.append(ControlSpec(
            param: param, min: minimum, max: maximum, step: step, defaultValue: defaultValue ?? minimum,
            values: values, label: label, location: location))
    }
    return controls
}

/// The value a parameter has in the scene before any control moves it.
func sceneValue(of param: String, in scene: Scene, choices: [String]? = nil) -> Double? {
    if let p = scene.params[param]?.number { return p }
    var options = scene.options
    if scene.isStaged {
        let (stage, name) = Scene.splitParameter(param)
        options = [:]
        if let stage, let spec = scene.stages.first(where: { $0.name == stage }), let o = spec.options[name] { options[param] = o }
    }
    if let option = options[param] {
        switch option.value {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        case .name(let n):
            if let choices { return choices.firstIndex(of: n).map(Double.init) ?? 0 }
            if case .choice(let names) = SceneSchema.type(of: param) { return names.firstIndex(of: n).map(Double.init) }
            if case .token = SceneSchema.type(of: param) { return scene.tokens.firstIndex(of: n).map(Double.init) }
            return nil
        case .integers: return nil
        }
    }
    if let choices, case .choice(let names) = SceneSchema.type(of: param) {
        return choices.firstIndex(of: names[0]).map(Double.init) ?? 0
    }
    return SceneSchema.defaultValue(of: param, tokens: scene.tokens.count, keyTokens: scene.effectiveKeyTokens.count)
}

extension SceneSchema.OptionType {
    /// Options whose values are counts, indices or choices: a control moves them in whole steps.
    var isWholeNumber: Bool {
        switch self {
        case .integer, .bool, .choice, .token: return true
        case .number, .integers, .text: return false
        }
    }

    /// Whether a control (a number on a slider) can drive this option.
    var isControllable: Bool {
        switch self {
        case .number, .integer, .choice, .bool, .token: return true
        case .integers, .text: return false
        }
    }
}

