import AttentionKernel
import Foundation

/// A value of an answer expression: numbers in an array of rank 0, 1 or 2, a truth value, or a token.
public enum ExerciseValue: Sendable, Hashable, CustomStringConvertible {
    /// Row-major numbers; shape [] is a single number, [n] a vector, [r, c] a matrix.
    case array(shape: [Int], values: [Double])
    case bool(Bool)
    /// A token of the scene: its index and text.
    case token(index: Int, text: String)

    static func number(_ x: Double) -> ExerciseValue { .array(shape: [], values: [x]) }
    static func vector(_ v: [Double]) -> ExerciseValue { .array(shape: [v.count], values: v) }

    /// The value as one number, when it is one.
    public var number: Double? {
        if case .array(let s, let v) = self, s.isEmpty { return v[0] }
        return nil
    }

    /// The value as a vector, when it is one.
    public var vector: [Double]? {
        if case .array(let s, let v) = self, s.count == 1 { return v }
        return nil
    }

    /// What kind of value this is, in English words for messages (`typeName(_:)` for others).
    public var typeName: String { typeName(.en) }

    /// The value in English notation (`text(_:)` for other languages).
    public var description: String { text(.en) }
}

/// The scene an exercise is checked against: the declared scene (for tokens) and what it computed.
public struct ExerciseContext: Sendable {
    public var scene: Scene
    public var computed: ComputedScene

    public init(scene: Scene, computed: ComputedScene) {
        self.scene = scene
        self.computed = computed
    }

    /// Evaluates `scene` (with control `overrides`) and wraps the result.
    public init(scene: Scene, overrides: [String: Double] = [:]) throws {
        self.init(scene: scene, computed: try evaluate(scene, overrides: overrides))
    }

    /// The query-side tokens: the scene's own, or the tokens a model computed (`op: model`),
    /// which label its maps' rows.
    public var queryTokens: [String] {
        if !scene.tokens.isEmpty { return scene.tokens }
        return computed.tensors.first { $0.role == .weights }?.rowLabels ?? []
    }

    /// The key-side tokens, the same way.
    public var keyTokens: [String] {
        if !scene.effectiveKeyTokens.isEmpty { return scene.effectiveKeyTokens }
        return computed.tensors.first { $0.role == .weights }?.columnLabels ?? []
    }

    /// The value of `expression` in this scene.
    public func value(of expression: ExerciseExpression) throws -> ExerciseValue {
        try ExpressionEvaluator(context: self).eval(expression)
    }

    /// Evaluates `scene` with parameters by name (an exercise's `set:`) and wraps the result.
    public init(scene: Scene, parameters: [String: ParameterValue]) throws {
        self.init(scene: scene, computed: try evaluate(scene, parameters: parameters))
    }

    /// The context an exercise is graded in: the scene at its defaults with the exercise's
    /// `set:` pins, whatever controls produced this context. The explorer, `attn check` and
    /// `attn print --key` therefore agree on every answer.
    public func resolved(for exercise: Exercise) throws -> ExerciseContext {
        do {
            return try ExerciseContext(scene: scene, parameters: exercise.pins)
        } catch let e as SceneError {
            let pins = exercise.pins.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
            throw ExpressionError(.scene(e.problem, pins: pins.isEmpty ? nil : pins))
        }
    }

    /// The value of an exercise's answer, checked against its kind.
    public func answer(_ exercise: Exercise) throws -> ExerciseValue {
        try resolved(for: exercise).answerHere(exercise)
    }

    /// The answer evaluated in this context as it is (no pins applied), checked against its kind.
    func answerHere(_ exercise: Exercise) throws -> ExerciseValue {
        let v = try value(of: exercise.expression)
        let fits: Bool
        switch (exercise.kind, v) {
        case (.number, .array(let s, _)): fits = s.isEmpty
        case (.vector, .array(let s, _)): fits = s.count == 1
        case (.token, .token), (.yesno, .bool): fits = true
        default: fits = false
        }
        guard fits else {
            throw ExpressionError(.kindMismatch(got: v, kind: exercise.kind))
        }
        if let x = v.number, !x.isFinite {
            throw ExpressionError(.notTypeable(x))
        }
        return v
    }
}

/// Walks an expression over a computed scene.
struct ExpressionEvaluator {
    let context: ExerciseContext

    func tensor(_ name: String) throws -> ExerciseValue { try tensor(TensorReference(parsing: name)) }

    /// The result a name (`weights`, `attn.output`) or `head(weights, h)` refers to.
    func tensor(_ reference: TensorReference) throws -> ExerciseValue {
        guard let t = context.computed[key: reference.key()] else {
            let name = reference.key().evalName
            let heads = reference.head == nil && context.computed.isPerHead(reference.name, stage: reference.stage, layer: reference.layer)
            throw ExpressionError(.noSuchTensor(name, perHead: heads, suggestion: heads ? nil : closestName(to: name, in: context.computed.tensors.map(\.name))))
        }
        return .array(shape: t.tensor.shape, values: t.tensor.scalars.map(Double.init))
    }

    func eval(_ e: ExerciseExpression) throws -> ExerciseValue {
        switch e {
        case .number(let x): return .number(x)
        case .name(let n): return try tensor(n)
        case .parameter(let n):
            guard let x = context.computed.parameters[n] else {
                throw ExpressionError(.unknownParameter(n, suggestion: closestName(to: n, in: context.computed.parameters.keys.sorted())))
            }
            return .number(x)
        case .index(let base, let indices):
            return try index(try eval(base), try indices.map { try integer(try eval($0), .index) })
        case .call(let f, let args): return try call(f, args)
        case .negate(let a): return try map(try eval(a)) { -$0 }
        case .not(let a): return .bool(!(try truth(try eval(a))))
        case .binary(let op, let a, let b):
            if op == "and" { return .bool(try truth(try eval(a)) && truth(try eval(b))) }
            if op == "or" { return .bool(try truth(try eval(a)) || truth(try eval(b))) }
            return try binary(op, try eval(a), try eval(b))
        }
    }

    func integer(_ v: ExerciseValue, _ what: ExpressionProblem.Whole) throws -> Int {
        if case .token(let i, _) = v { return i }
        guard let x = v.number, x == x.rounded(), abs(x) < 1e6 else { throw ExpressionError(.mustBeWhole(what, got: v)) }
        return Int(x)
    }

    func truth(_ v: ExerciseValue) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw ExpressionError(.expectedYesNo(got: v))
    }

    func numbers(_ v: ExerciseValue) throws -> (shape: [Int], values: [Double]) {
        switch v {
        case .array(let s, let x): return (s, x)
        case .bool(let b): return ([], [b ? 1 : 0])
        case .token: throw ExpressionError(.tokenNotNumber)
        }
    }

    func index(_ v: ExerciseValue, _ idx: [Int]) throws -> ExerciseValue {
        let (s, x) = try numbers(v)
        guard idx.count <= s.count else { throw ExpressionError(.tooManyIndices(count: idx.count, into: v)) }
        for (k, i) in idx.enumerated() where i < 0 || i >= s[k] {
            throw ExpressionError(.indexOutside(index: i, last: s[k] - 1))
        }
        if s.count == 1 { return .number(x[idx[0]]) }
        if idx.count == 2 { return .number(x[idx[0] * s[1] + idx[1]]) }
        return .vector(Array(x[idx[0] * s[1]..<(idx[0] + 1) * s[1]]))
    }

    func map(_ v: ExerciseValue, _ f: (Double) -> Double) throws -> ExerciseValue {
        let (s, x) = try numbers(v)
        return .array(shape: s, values: x.map(f))
    }

    func binary(_ op: String, _ a: ExerciseValue, _ b: ExerciseValue) throws -> ExerciseValue {
        if case .token(let i, let t) = a, case .token(let j, let u) = b, op == "==" || op == "!=" {
            let same = i == j || t == u
            return .bool(op == "==" ? same : !same)
        }
        let (sa, xa) = try numbers(a), (sb, xb) = try numbers(b)
        let shape: [Int]
        if sa == sb { shape = sa } else if sa.isEmpty { shape = sb } else if sb.isEmpty { shape = sa } else {
            throw ExpressionError(.cannotCombine(a, b, op: op))
        }
        let n = max(xa.count, xb.count)
        let f: (Double, Double) -> Double
        switch op {
        case "+": f = (+)
        case "-": f = (-)
        case "*": f = (*)
        case "/": f = (/)
        case "<": f = { $0 < $1 ? 1 : 0 }
        case "<=": f = { $0 <= $1 ? 1 : 0 }
        case ">": f = { $0 > $1 ? 1 : 0 }
        case ">=": f = { $0 >= $1 ? 1 : 0 }
        case "==": f = { $0 == $1 ? 1 : 0 }
        default: f = { $0 != $1 ? 1 : 0 }
        }
        let values = (0..<n).map { f(xa[xa.count == 1 ? 0 : $0], xb[xb.count == 1 ? 0 : $0]) }
        // A comparison of two numbers is a claim; of arrays, a 0/1 array for count/all/any.
        if ["<", "<=", ">", ">=", "==", "!="].contains(op), shape.isEmpty { return .bool(values[0] != 0) }
        return .array(shape: shape, values: values)
    }
}
