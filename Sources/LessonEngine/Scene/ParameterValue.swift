import Foundation

/// A parameter value: as a person writes it (`--set temperature=0.5`, `--set mask=sliding`, an
/// exercise's `set: {mask: none}`), and typed once it has been checked against its option.
///
/// Written values are `.number` or `.name`. `sceneParameters(_:for:)` checks each against its
/// option's declared type and gives the typed form the evaluator reads: `.number`, `.integer`,
/// `.bool`, a choice as `.name`, a position in the tokens as `.token`. Choices travel by name all
/// the way; only the explorer's sliders, which move numbers, are turned into names, in
/// `typedValue(ofControl:_:in:)`.
public enum ParameterValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case number(Double)
    case name(String)
    case integer(Int)
    case bool(Bool)
    /// A position in the scene's tokens (written as an index or as the token's text).
    case token(Int)

    /// `0.5` and `1e-3` are numbers; anything else is a name.
    public init(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let x = parseNumber(t) { self = .number(x) } else { self = .name(t) }
    }

    public var description: String {
        switch self {
        case .number(let x): return messageNumber(x, .en)
        case .name(let n): return n
        case .integer(let i), .token(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// The value as a number, when it is one (booleans as 1/0, tokens as their position).
    var numeric: Double? {
        switch self {
        case .number(let x): return x
        case .integer(let i), .token(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .name: return nil
        }
    }
}

/// The options and `params:` a scene understands.
func knownParameters(of scene: Scene) -> Set<String> {
    Set(parameterNames(of: scene)).union(scene.params.keys)
}

/// The options a scene's values can set, in declaration order: its op's, or in a staged scene
/// `query`, `head` and each stage's own as `stage.option`.
func parameterNames(of scene: Scene) -> [String] {
    guard scene.isStaged else { return SceneSchema.options(of: scene.op) }
    var out = OperationDeclaration.everySceneOptions.map(\.name)
    for stage in scene.stages {
        guard let name = stage.name else { continue }
        out += stage.op.declaration.options.map { "\(name).\($0.name)" }
    }
    return out
}

/// Checks `values` against `scene`'s options and `params:`, and types them for the evaluator.
///
/// Every problem names the parameter and what it accepts: an unknown name (with a suggestion),
/// a choice that is not one of the option's names, a fraction for a whole-number option.
func sceneParameters(_ values: [String: ParameterValue], for scene: Scene) throws -> [String: ParameterValue] {
    let known = knownParameters(of: scene)
    var out: [String: ParameterValue] = [:]
    for (name, value) in values.sorted(by: { $0.key < $1.key }) {
        guard known.contains(name) else {
            throw SceneError(.unknownParameterForOp(name, suggestion: closestName(to: name, in: known.sorted()), op: scene.op.rawValue), at: scene.location)
        }
        if scene.params[name] != nil {
            guard let x = value.numeric, x.isFinite else {
                throw SceneError(.parameterTakesNumber(name, got: value), at: scene.location)
            }
            out[name] = .number(x)
            continue
        }
        out[name] = try typed(value, for: name, in: scene)
    }
    return out
}

/// One value in the type its option declares.
private func typed(_ value: ParameterValue, for name: String, in scene: Scene) throws -> ParameterValue {
    switch (SceneSchema.type(of: name), value) {
    case (.choice(let names), .name(let n)):
        guard names.contains(n) else {
            throw SceneError(.notAChoice(parameter: name, value: n, choices: names, suggestion: closestName(to: n, in: names)), at: scene.location)
        }
        return .name(n)
    case (.choice(let names), _):
        throw SceneError(.takesAName(parameter: name, choices: names, got: value), at: scene.location)
    case (.bool, .name(let n)):
        switch n.lowercased() {
        case "true", "yes", "on": return .bool(true)
        case "false", "no", "off": return .bool(false)
        default: throw SceneError(.takesBool(parameter: name, got: n), at: scene.location)
        }
    case (.bool, _):
        guard let x = value.numeric, x == 0 || x == 1 else { throw SceneError(.takesBoolNumber(parameter: name, got: value), at: scene.location) }
        return .bool(x == 1)
    case (.token, .name(let n)):
        guard let i = scene.tokens.firstIndex(of: n) else {
            throw SceneError(.notAToken(parameter: name, value: n, tokens: scene.tokens, suggestion: closestName(to: n, in: scene.tokens)), at: scene.location)
        }
        return .token(i)
    case (.token, _):
        guard let x = value.numeric, x == x.rounded(), x >= 0, x < Double(max(scene.tokens.count, 1)) else {
            throw SceneError(.takesAToken(parameter: name, last: max(scene.tokens.count - 1, 0), got: value), at: scene.location)
        }
        return .token(Int(x))
    case (.integer, _):
        guard let x = value.numeric else { throw SceneError(.takesANumber(parameter: name, got: value), at: scene.location) }
        // Whole numbers, finiteness and the Float32 range are checked for every path at once by
        // the environment (NumericSafety); a fraction stays a number so that check reports it.
        guard x.isFinite, x == x.rounded() else { return .number(x) }
        return .integer(Int(max(min(x, 1e9), -1e9)))
    case (.number, _):
        guard let x = value.numeric else { throw SceneError(.takesANumber(parameter: name, got: value), at: scene.location) }
        return .number(x)
    case (.integers, _):
        throw SceneError(.isAList(parameter: name), at: scene.location)
    case (.text, .name(let n)):
        return .name(n)
    case (.text, _):
        return .name(value.description)
    }
}

/// The typed value a control at position `x` sets: a choice's name from the control's list (or
/// the option's full list), a boolean, a whole number, a token's position, a number.
///
/// The one place a slider's number becomes a choice.
func typedValue(ofControl name: String, _ x: Double, in scene: Scene) -> ParameterValue {
    if scene.params[name] != nil { return .number(x) }
    switch SceneSchema.type(of: name) {
    case .choice(let names):
        let values = scene.controls.first(where: { $0.param == name })?.values ?? []
        let list = values.isEmpty ? names : values
        return .name(list[Int(max(0, min(Double(list.count - 1), x.rounded())))])
    case .bool: return .bool(x != 0)
    case .integer: return .integer(Int(max(min(x.rounded(), 1e9), -1e9)))
    case .token: return .token(Int(max(min(x.rounded(), 1e9), -1e9)))
    case .number, .integers, .text: return .number(x)
    }
}

/// Evaluates `scene` with parameters written by name (`--set`, an exercise's `set:`).
public func evaluate(_ scene: Scene, parameters: [String: ParameterValue]) throws -> ComputedScene {
    try evaluate(scene, typed: try sceneParameters(parameters, for: scene))
}

/// How a parameter reads in this evaluation, for messages: `mask = causal`, `dk = 64`.
///
/// `overrides` are the explorer's control values.
public func parameterText(_ name: String, in scene: Scene, overrides: [String: Double], language: Language = .en) -> String? {
    guard let env = try? SceneEnvironment(scene: scene, overrides: overrides) else { return nil }
    return env.text(name, language: language)
}

/// The control position that sets `value`: a choice's index in the control's list (or the
/// option's full list), a boolean's 0/1, a number as it is. Nil when the control cannot reach it.
public func controlValue(of value: ParameterValue, for control: ControlSpec) -> Double? {
    switch value {
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
    default:
        guard let x = value.numeric else { return nil }
        return (control.min...control.max).contains(x) ? x : nil
    }
}
