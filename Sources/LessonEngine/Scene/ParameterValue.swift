import Foundation

/// A parameter value as a person writes it: `--set temperature=0.5`, `--set mask=sliding`, an
/// exercise's `set: {mask: none}`.
///
/// Choices travel by name up to `evaluate(_:parameters:)`, which checks each name against the
/// option's type: a choice must be one of its names, an integer option a whole number, a boolean
/// `true`/`false` (or 1/0).
public enum ParameterValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case number(Double)
    case name(String)

    /// `0.5` and `1e-3` are numbers; anything else is a name.
    public init(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let x = parseNumber(t) { self = .number(x) } else { self = .name(t) }
    }

    public var description: String {
        switch self {
        case .number(let x): return fmt(x)
        case .name(let n): return n
        }
    }
}

/// Parameters split the way the evaluator reads them: numbers (booleans as 0/1) and choices by name.
struct SceneParameters: Sendable, Equatable {
    var numbers: [String: Double] = [:]
    var choices: [String: String] = [:]
}

/// Checks `values` against `scene`'s options and `params:`, and splits them for the evaluator.
///
/// Every problem names the parameter and what it accepts: an unknown name (with a suggestion),
/// a choice that is not one of the option's names, a name where a number belongs. Numbers
/// themselves (whole, finite, within Float32) are checked by `SceneEnvironment` for every path.
func sceneParameters(_ values: [String: ParameterValue], for scene: Scene) throws -> SceneParameters {
    let options = SceneSchema.options(of: scene.op)
    let known = Set(options).union(scene.params.keys)
    var out = SceneParameters()
    for (name, value) in values.sorted(by: { $0.key < $1.key }) {
        guard known.contains(name) else {
            throw SceneError("unknown parameter '\(name)'\(suggestion(for: name, in: known.sorted())) for op '\(scene.op.rawValue)'", at: scene.location)
        }
        if scene.params[name] != nil {
            guard case .number(let x) = value, x.isFinite else {
                throw SceneError("parameter '\(name)' takes a number, got '\(value)'", at: scene.location)
            }
            out.numbers[name] = x
            continue
        }
        switch (SceneSchema.type(of: name), value) {
        case (.choice(let names), .name(let n)):
            guard names.contains(n) else {
                throw SceneError("\(name) '\(n)' is not one of \(names.joined(separator: ", "))\(suggestion(for: n, in: names))", at: scene.location)
            }
            out.choices[name] = n
        case (.choice(let names), .number):
            throw SceneError("\(name) takes a name: \(names.joined(separator: ", ")), got '\(value)'", at: scene.location)
        case (.bool, .name(let n)):
            switch n.lowercased() {
            case "true", "yes", "on": out.numbers[name] = 1
            case "false", "no", "off": out.numbers[name] = 0
            default: throw SceneError("\(name) takes true or false, got '\(n)'", at: scene.location)
            }
        case (.bool, .number(let x)):
            guard x == 0 || x == 1 else { throw SceneError("\(name) takes true or false (1 or 0), got \(fmt(x))", at: scene.location) }
            out.numbers[name] = x
        case (.integer, .number(let x)), (.number, .number(let x)):
            // Whole numbers, finiteness and the Float32 range are checked for every path at once
            // by the environment (NumericSafety), explorer controls included.
            out.numbers[name] = x
        case (.integers, _):
            throw SceneError("\(name) is a list and cannot be set from here", at: scene.location)
        case (_, .name(let n)):
            throw SceneError("\(name) takes a number, got '\(n)'", at: scene.location)
        }
    }
    return out
}

/// Evaluates `scene` with parameters written by name (`--set`, an exercise's `set:`).
public func evaluate(_ scene: Scene, parameters: [String: ParameterValue]) throws -> ComputedScene {
    let p = try sceneParameters(parameters, for: scene)
    return try evaluate(scene, overrides: p.numbers, choices: p.choices)
}

/// How a parameter reads in this evaluation, for messages: `mask = causal`, `dk = 64`.
///
/// `overrides` are the explorer's control values (choices as the control's index).
public func parameterText(_ name: String, in scene: Scene, overrides: [String: Double]) -> String? {
    guard let env = try? SceneEnvironment(scene: scene, overrides: overrides) else { return nil }
    if case .choice = SceneSchema.type(of: name), scene.params[name] == nil { return env.choice(name) }
    if scene.params[name] == nil, case .bool = SceneSchema.type(of: name) { return env.bool(name) ? "true" : "false" }
    if let p = scene.params[name] { return fmt(overrides[name] ?? p.number ?? 0) }
    return fmt(env.number(name))
}

/// The control position that sets `value`: a choice's index in the control's list (or the
/// option's full list), a boolean's 0/1, a number as it is. Nil when the control cannot reach it.
public func controlValue(of value: ParameterValue, for control: ControlSpec) -> Double? {
    switch value {
    case .number(let x):
        return (control.min...control.max).contains(x) ? x : nil
    case .name(let n):
        switch SceneSchema.type(of: control.param) {
        case .choice(let names):
            let list = control.values.flatMap { $0.isEmpty ? nil : $0 } ?? names
            return list.firstIndex(of: n).map(Double.init)
        case .bool:
            return ["true", "yes", "on"].contains(n.lowercased()) ? 1 : ["false", "no", "off"].contains(n.lowercased()) ? 0 : nil
        default:
            return nil
        }
    }
}
