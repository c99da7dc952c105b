import AttentionKernel

/// The values of a scene's parameters for one evaluation: values set from outside first, then
/// the scene's own values, then the declared defaults.
///
/// Values from outside are typed (`ParameterValue`): choices by name, booleans, whole numbers,
/// token positions. The explorer's controls give numbers; `init(scene:overrides:)` types them
/// once, through `typedValue(ofControl:_:in:)`.
struct SceneEnvironment {
    let scene: Scene
    let values: [String: ParameterValue]

    /// `values` already checked by `sceneParameters(_:for:)`.
    init(scene: Scene, values: [String: ParameterValue]) throws {
        self.scene = scene
        self.values = values
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let x = value.numeric else { continue }
            if let problem = NumericSafety.problem(parameter: name, value: x, in: scene) {
                throw SceneError(problem, at: scene.controls.first { $0.param == name }?.location ?? location(of: name))
            }
        }
        try checkOwnValues()
    }

    /// The explorer's control values, by name, as numbers (a choice as its position in the
    /// control's list).
    init(scene: Scene, overrides: [String: Double]) throws {
        let known = knownParameters(of: scene)
        var typed: [String: ParameterValue] = [:]
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard known.contains(name) else {
                throw SceneError(.unknownParameterForOp(name, suggestion: closestName(to: name, in: known.sorted()), op: scene.op.rawValue), at: scene.location)
            }
            guard value.isFinite else { throw SceneError(.parameterNotFinite(name, value: value), at: scene.location) }
            if let problem = NumericSafety.problem(parameter: name, value: value, in: scene) {
                throw SceneError(problem, at: scene.controls.first { $0.param == name }?.location ?? scene.options[name]?.location ?? scene.params[name]?.location ?? scene.opLocation)
            }
            typed[name] = typedValue(ofControl: name, value, in: scene)
        }
        self.scene = scene
        self.values = typed
        try checkOwnValues()
    }

    /// The file's own values, in the precision they will be used in.
    private func checkOwnValues() throws {
        for (name, option) in scene.options.merging(scene.params, uniquingKeysWith: { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            guard values[name] == nil, case .number(let x) = option.value else { continue }
            if let problem = NumericSafety.problem(parameter: name, value: x, in: scene) { throw SceneError(problem, at: option.location) }
        }
    }

    /// Where a parameter was set, for errors about its value.
    func location(of name: String) -> SourceLocation {
        if scene.isStaged, case let (stage?, option) = Scene.splitParameter(name), let spec = scene.stages.first(where: { $0.name == stage }) {
            return spec.options[option]?.location ?? spec.opLocation
        }
        return scene.options[name]?.location ?? scene.params[name]?.location ?? scene.opLocation
    }

    /// A numeric, boolean or token parameter (booleans as 0/1, tokens as their position).
    func number(_ name: String) -> Double {
        if let v = values[name] {
            if let x = v.numeric { return x }
            if case .name(let n) = v, case .choice(let names) = SceneSchema.type(of: name) { return Double(names.firstIndex(of: n) ?? 0) }
        }
        return sceneValue(of: name, in: scene) ?? 0
    }

    func integer(_ name: String) -> Int {
        let x = number(name).rounded()
        return Int(max(min(x, 1e9), -1e9))
    }

    func float(_ name: String) -> Float { Float(number(name)) }

    func bool(_ name: String) -> Bool { number(name) != 0 }

    /// Whether the scene (or a value from outside) sets this parameter.
    func isSet(_ name: String) -> Bool { values[name] != nil || option(name) != nil }

    /// A choice parameter's name.
    func choice(_ name: String) -> String {
        guard case .choice(let names) = SceneSchema.type(of: name) else { return "" }
        if case .name(let n)? = values[name] { return n }
        if case .name(let n)? = option(name)?.value { return n }
        return names[0]
    }

    /// The scene's own value of an option (a stage's, for `stage.option`).
    func option(_ name: String) -> SceneOption? {
        guard scene.isStaged else { return scene.options[name] }
        let (stage, option) = Scene.splitParameter(name)
        return scene.stages.first { $0.name == stage }?.options[option]
    }

    /// A parameter's typed value in this evaluation.
    func typed(_ name: String) -> ParameterValue {
        if scene.params[name] != nil { return .number(number(name)) }
        switch SceneSchema.type(of: name) {
        case .choice: return .name(choice(name))
        case .bool: return .bool(bool(name))
        case .integer: return .integer(integer(name))
        case .token: return .token(integer(name))
        case .number, .integers: return .number(number(name))
        case .text:
            if case .name(let s)? = values[name] { return .name(s) }
            if case .name(let s)? = option(name)?.value { return .name(s) }
            return .name("")
        }
    }

    /// How a parameter reads in messages: `mask = causal`, `dk = 64`.
    func text(_ name: String, language: Language = .en) -> String {
        switch typed(name) {
        case .token(let i): return scene.tokens.indices.contains(i) ? "\(scene.tokens[i]) (\(i))" : "\(i)"
        case let v: return v.text(language)
        }
    }

    /// A `$name` reference or literal, resolved.
    func resolve(_ ref: NumberRef) throws -> Double {
        switch ref.value {
        case .literal(let x): return x
        case .parameter(let name):
            if let x = values[name]?.numeric { return x }
            if let p = scene.params[name]?.number { return p }
            if parameterNames(of: scene).contains(name) { return number(name) }
            let names = scene.params.keys.sorted() + parameterNames(of: scene)
            throw SceneError(.unknownParameterReference(name, suggestion: closestName(to: name, in: names)), at: ref.location)
        }
    }

    /// A reference that must be a whole number within `range`.
    func resolveInteger(_ ref: NumberRef, _ what: Subject, in range: ClosedRange<Int>) throws -> Int {
        let x = try resolve(ref)
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw SceneError(.wholeNumberOutOfRange(what, low: range.lowerBound, high: range.upperBound, got: x), at: ref.location)
        }
        return Int(x)
    }

    /// Every parameter's value as a number, for `ComputedScene.parameters` (`$name` in answers):
    /// a choice as its position in its control's list (or the option's full list).
    var allValues: [String: Double] {
        var out: [String: Double] = [:]
        for name in parameterNames(of: scene) where SceneSchema.type(of: name).isControllable {
            if case .choice(let names) = SceneSchema.type(of: name) {
                let controlValues = scene.controls.first { $0.param == name }?.values
                let list = controlValues.flatMap { $0.isEmpty ? nil : $0 } ?? names
                let n = choice(name)
                out[name] = list.firstIndex(of: n).map(Double.init) ?? names.firstIndex(of: n).map(Double.init)
                continue
            }
            out[name] = values[name]?.numeric ?? sceneValue(of: name, in: scene)
        }
        for (name, option) in scene.params { out[name] = values[name]?.numeric ?? option.number }
        return out
    }

    /// Every parameter's typed value, for `ComputedScene.parameterValues`.
    var allTyped: [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for name in parameterNames(of: scene) where SceneSchema.type(of: name).isControllable { out[name] = typed(name) }
        for name in scene.params.keys { out[name] = typed(name) }
        return out
    }
}
