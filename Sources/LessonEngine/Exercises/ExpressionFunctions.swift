import Foundation

/// The functions of the answer language: reductions, elementwise maths, rows and columns,
/// tokens, per-head tensors and claims.
extension ExpressionEvaluator {
    func call(_ f: String, _ args: [ExerciseExpression]) throws -> ExerciseValue {
        func arity(_ n: ClosedRange<Int>) throws {
            guard n.contains(args.count) else {
                throw ExpressionError(.arity(function: f, low: n.lowerBound, high: n.upperBound, got: args.count))
            }
        }
        // head(weights, 1) names the scene's `weights[1]`: its first argument is a name, not a value.
        if f == "head" {
            try arity(2...2)
            guard case .name(let base) = args[0] else { throw ExpressionError(.headNeedsName) }
            let h = try integer(try eval(args[1]), .head)
            var reference = TensorReference(parsing: base)
            reference.head = h
            return try tensor(reference)
        }
        let values = try args.map { try eval($0) }
        switch f {
        case "token", "keyToken":
            try arity(1...1)
            let list = f == "token" ? context.queryTokens : context.keyTokens
            let i = try integer(values[0], .tokenIndex)
            guard list.indices.contains(i) else { throw ExpressionError(.tokenIndexOutside(index: i, last: list.count - 1)) }
            return .token(index: i, text: list[i])
        case "row", "col":
            try arity(2...2)
            let (s, x) = try numbers(values[0])
            guard s.count == 2 else { throw ExpressionError(.needsMatrix(function: f, got: values[0])) }
            let i = try integer(values[1], f == "row" ? .row : .column)
            let limit = f == "row" ? s[0] : s[1]
            guard i >= 0, i < limit else { throw ExpressionError(.rowOutside(column: f != "row", index: i, last: limit - 1)) }
            return .vector(f == "row" ? Array(x[i * s[1]..<(i + 1) * s[1]]) : (0..<s[0]).map { x[$0 * s[1] + i] })
        case "transpose":
            try arity(1...1)
            let (s, x) = try numbers(values[0])
            guard s.count == 2 else { return values[0] }
            return .array(shape: [s[1], s[0]], values: (0..<s[1]).flatMap { j in (0..<s[0]).map { x[$0 * s[1] + j] } })
        case "rowsums", "colsums":
            try arity(1...1)
            let (s, x) = try numbers(values[0])
            guard s.count == 2 else { throw ExpressionError(.needsMatrix(function: f, got: values[0])) }
            if f == "rowsums" { return .vector((0..<s[0]).map { i in x[i * s[1]..<(i + 1) * s[1]].reduce(0, +) }) }
            return .vector((0..<s[1]).map { j in (0..<s[0]).reduce(0) { $0 + x[$1 * s[1] + j] } })
        case "exp", "log", "sqrt", "abs", "round":
            try arity(1...1)
            let g: (Double) -> Double = ["exp": Foundation.exp, "log": Foundation.log, "sqrt": Foundation.sqrt, "abs": Swift.abs, "round": { $0.rounded() }][f]!
            return try map(values[0], g)
        case "softmax":
            try arity(1...1)
            let (s, x) = try numbers(values[0])
            guard s.count == 1 else { throw ExpressionError(.softmaxNeedsVector(got: values[0])) }
            // The kernel's softmax, so an answer written as softmax(…) is the scene's own arithmetic.
            guard let weights = kernelSoftmax(x, temperature: 1) else {
                throw ExpressionError(.softmaxEmpty)
            }
            return .vector(weights)
        case "approx":
            try arity(2...3)
            let tol = args.count == 3 ? try numbers(values[2]).values[0] : 1e-4
            let d = try binary("-", values[0], values[1])
            return try binary("<=", try map(d, Swift.abs), .number(tol))
        case "all", "any":
            try arity(1...1)
            if case .bool(let b) = values[0] { return .bool(b) }
            let x = try numbers(values[0]).values
            return .bool(f == "all" ? x.allSatisfy { $0 != 0 } : x.contains { $0 != 0 })
        default:
            return try reduce(f, values, arity: arity)
        }
    }

    /// argmax, argmin, sum, max, min, mean, count, len over all entries (max/min of two numbers too).
    private func reduce(_ f: String, _ values: [ExerciseValue], arity: (ClosedRange<Int>) throws -> Void) throws -> ExerciseValue {
        if (f == "max" || f == "min"), values.count == 2 {
            let a = try numbers(values[0]).values, b = try numbers(values[1]).values
            guard a.count == 1, b.count == 1 else { throw ExpressionError(.twoNumbers(function: f)) }
            return .number(f == "max" ? Swift.max(a[0], b[0]) : Swift.min(a[0], b[0]))
        }
        try arity(1...1)
        let (_, x) = try numbers(values[0])
        guard !x.isEmpty else { throw ExpressionError(.ofNothing(function: f)) }
        switch f {
        case "argmax": return .number(Double(x.indices.max { x[$0] < x[$1] }!))
        case "argmin": return .number(Double(x.indices.min { x[$0] < x[$1] }!))
        case "sum": return .number(x.reduce(0, +))
        case "max": return .number(x.max()!)
        case "min": return .number(x.min()!)
        case "mean": return .number(x.reduce(0, +) / Double(x.count))
        case "count": return .number(Double(x.filter { $0 != 0 }.count))
        case "len": return .number(Double(x.count))
        default: throw ExpressionError(.unknownFunction(f, suggestion: nil))
        }
    }
}
