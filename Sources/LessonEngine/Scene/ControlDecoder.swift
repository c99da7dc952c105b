import Yams

/// Decodes the list under `controls:` and checks each range against the scene.
///
/// A control must name a parameter this scene has (an option of its op, `query`, `head`, or a
/// `params:` entry), have min ≤ max and step > 0, and start inside its range.
func decodeControls(_ node: Node, scene: Scene, reader r: NodeReader) -> [ControlSpec] {
    guard let items = r.sequence(node, "'controls'") else { return [] }
    let available = parameterNames(of: scene).filter { SceneSchema.type(of: $0).isControllable }
        + scene.params.keys.sorted()
    var controls: [ControlSpec] = []
    var seen: Set<String> = []
    for item in items {
        let fields = ["param", "min", "max", "step", "default", "values", "label"]
        guard let pairs = r.mapping(item, "a control", known: fields) else { continue }
        let byKey = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        guard let paramNode = byKey["param"], let param = r.string(paramNode, "'param'") else {
            r.error(item, "a control needs 'param:', one of \(listOfNames(available))")
            continue
        }
        guard available.contains(param) else {
            r.error(paramNode, "op '\(scene.op.rawValue)' has no parameter '\(param)' to control\(suggestion(for: param, in: available))")
            continue
        }
        if !seen.insert(param).inserted { r.error(paramNode, "'\(param)' already has a control") }
        let location = r.location(item)
        var values: [String]?
        if case .choice(let names) = SceneSchema.type(of: param) {
            values = byKey["values"].flatMap { r.strings($0, "'values'") } ?? names
            if values?.isEmpty ?? false, let node = byKey["values"] {
                r.error(node, "'values' needs at least one \(param)")
                values = names
            }
            for (i, v) in (values ?? []).enumerated() where !names.contains(v) {
                r.sink.error(byKey["values"].map(r.location) ?? location, "value \(i + 1) '\(v)' is not a \(param)\(suggestion(for: v, in: names))")
            }
        } else if let valuesNode = byKey["values"] {
            r.error(valuesNode, "'values' only applies to choice parameters (mask, similarity, pairing)")
        }
        // A token control moves along the tokens: its positions are labelled with their text.
        if case .token = SceneSchema.type(of: param), values == nil, !scene.tokens.isEmpty { values = scene.tokens }
        let defaultValue = byKey["default"].flatMap { r.number($0, "'default'") }
            ?? sceneValue(of: param, in: scene, choices: values)
        let minimum = byKey["min"].flatMap { r.number($0, "'min'") } ?? (values != nil ? 0 : nil)
        let maximum = byKey["max"].flatMap { r.number($0, "'max'") } ?? values.map { Double($0.count - 1) }
        let step = byKey["step"].flatMap { r.number($0, "'step'") } ?? 1
        guard let minimum, let maximum else {
            r.sink.error(location, "the control for '\(param)' needs 'min:' and 'max:'")
            continue
        }
        var ok = true
        if minimum > maximum {
            r.sink.error(byKey["min"].map(r.location) ?? location, "the control for '\(param)' has min \(fmt(minimum)) above max \(fmt(maximum))")
            ok = false
        }
        if !(step > 0) {
            r.sink.error(byKey["step"].map(r.location) ?? location, "the control for '\(param)' needs a step above 0, got \(fmt(step))")
            ok = false
        }
        if ok, SceneSchema.type(of: param).isWholeNumber || values != nil,
           [minimum, maximum, step].contains(where: { $0 != $0.rounded() }) {
            r.sink.error(location, "'\(param)' takes whole numbers, so its control needs whole min, max and step")
            ok = false
        }
        if ok, let d = defaultValue, d < minimum || d > maximum {
            r.sink.error(location, "'\(param)' starts at \(fmt(d)), outside its control's range \(fmt(minimum))…\(fmt(maximum))")
        }
        let label = byKey["label"].flatMap { r.string($0, "'label'") } ?? param
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

/// Numbers in English messages: `3` rather than `3.0` (see `NumberFormat.short`).
func fmt(_ x: Double) -> String {
    NumberFormat.english.short(x, decimals: 6)
}
