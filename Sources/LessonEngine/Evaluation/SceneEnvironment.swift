import AttentionKernel

/// The values of a scene's parameters for one evaluation: overrides first, then the scene's
/// own values, then the built-in defaults.
///
/// Choice options (`mask`, `similarity`, `pairing`) are overridden by index: into the values of
/// the scene's control for that option when it has one (so a slider's positions follow the
/// control's list), else into the option's full list.
struct SceneEnvironment {
    let scene: Scene
    let overrides: [String: Double]
    /// Choices set by name (`--set mask=sliding`, an exercise's `set:`); they win over `overrides`.
    let choices: [String: String]

    init(scene: Scene, overrides: [String: Double], choices: [String: String] = [:]) throws {
        self.scene = scene
        self.overrides = overrides
        self.choices = choices
        let known = Set(SceneSchema.options(of: scene.op)).union(scene.params.keys)
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard known.contains(name) else {
                throw SceneError("unknown parameter '\(name)'\(suggestion(for: name, in: known.sorted())) for op '\(scene.op.rawValue)'", at: scene.location)
            }
            guard value.isFinite else { throw SceneError("parameter '\(name)' must be finite, got \(value)", at: scene.location) }
            if let problem = NumericSafety.problem(parameter: name, value: value, in: scene) {
                throw SceneError(problem, at: scene.controls.first { $0.param == name }?.location ?? location(of: name))
            }
        }
        // The file's own values, in the precision they will be used in.
        for (name, option) in scene.options.merging(scene.params, uniquingKeysWith: { a, _ in a }).sorted(by: { $0.key < $1.key }) {
            guard overrides[name] == nil, case .number(let x) = option.value else { continue }
            if let problem = NumericSafety.problem(parameter: name, value: x, in: scene) { throw SceneError(problem, at: option.location) }
        }
    }

    /// Where a parameter was set, for errors about its value.
    func location(of name: String) -> SourceLocation {
        scene.options[name]?.location ?? scene.params[name]?.location ?? scene.opLocation
    }

    /// A numeric or boolean parameter (booleans as 0/1).
    func number(_ name: String) -> Double {
        if let x = overrides[name] { return x }
        return sceneValue(of: name, in: scene) ?? 0
    }

    func integer(_ name: String) -> Int {
        let x = number(name).rounded()
        return Int(max(min(x, 1e9), -1e9))
    }

    func float(_ name: String) -> Float { Float(number(name)) }

    func bool(_ name: String) -> Bool { number(name) != 0 }

    /// Whether the scene (or an override) sets this parameter.
    func isSet(_ name: String) -> Bool { overrides[name] != nil || choices[name] != nil || scene.options[name] != nil }

    /// A choice parameter's name.
    func choice(_ name: String) -> String {
        guard case .choice(let names) = SceneSchema.type(of: name) else { return "" }
        if let n = choices[name] { return n }
        if let x = overrides[name] {
            let values = scene.controls.first(where: { $0.param == name })?.values ?? []
            let list = values.isEmpty ? names : values
            let i = Int(max(0, min(Double(list.count - 1), x.rounded())))
            return list[i]
        }
        if case .name(let n)? = scene.options[name]?.value { return n }
        return names[0]
    }

    /// A `$name` reference or literal, resolved.
    func resolve(_ ref: NumberRef) throws -> Double {
        switch ref.value {
        case .literal(let x): return x
        case .parameter(let name):
            if let x = overrides[name] { return x }
            if let p = scene.params[name]?.number { return p }
            if SceneSchema.options(of: scene.op).contains(name) { return number(name) }
            let names = scene.params.keys.sorted() + SceneSchema.options(of: scene.op)
            throw SceneError("unknown parameter '$\(name)'\(suggestion(for: name, in: names)); declare it under 'params:'", at: ref.location)
        }
    }

    /// A reference that must be a whole number within `range`.
    func resolveInteger(_ ref: NumberRef, _ what: String, in range: ClosedRange<Int>) throws -> Int {
        let x = try resolve(ref)
        guard x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw SceneError("\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(fmt(x))", at: ref.location)
        }
        return Int(x)
    }

    /// Every parameter's value, for `ComputedScene.parameters`.
    var allValues: [String: Double] {
        var values: [String: Double] = [:]
        for name in SceneSchema.options(of: scene.op) where SceneSchema.type(of: name).isControllable {
            let controlValues = scene.controls.first { $0.param == name }?.values
            if let n = choices[name], case .choice(let names) = SceneSchema.type(of: name) {
                // By name, as the index a control (or the option's full list) would give.
                let list = controlValues.flatMap { $0.isEmpty ? nil : $0 } ?? names
                values[name] = list.firstIndex(of: n).map(Double.init) ?? names.firstIndex(of: n).map(Double.init)
                continue
            }
            values[name] = overrides[name] ?? sceneValue(of: name, in: scene, choices: controlValues)
        }
        for (name, option) in scene.params { values[name] = overrides[name] ?? option.number }
        return values
    }
}
