import Foundation

/// The worked solution of an exercise, with the scene's own numbers.
///
/// The author's `solution` template is rendered with each `{expr}` replaced by its value in
/// this scene (`{scores[2]}` → `[0.1, 1.3, -0.4]`). Whether or not there is a template, an
/// answer of a shape the engine recognises (`workedSolutionKind`) is also worked out step by
/// step: a softmax weight from its scores, exps, sum and division; an argmax from its row with
/// the winner marked; a count from the row it counts; a dot product term by term; an output row
/// as its weighted sum.
public func workedSolution(_ exercise: Exercise, in context: ExerciseContext) -> String {
    guard let context = try? context.resolved(for: exercise) else {
        return "This exercise cannot be computed here."
    }
    var lines: [String] = []
    if !exercise.pins.isEmpty {
        lines.append("With " + exercise.pins.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ") + ":")
    }
    if let template = exercise.solution {
        lines.append(renderTemplate(template, in: context))
    }
    if let kind = workedSolutionKind(exercise.expression, in: context) { lines.append(kind.working) }
    let answer = (try? context.answer(exercise)).map(\.description) ?? "(cannot be computed here)"
    lines.append("Answer: `\(exercise.answer)` = \(answer)")
    return lines.joined(separator: "\n\n")
}

/// A working the engine can write out by itself, with the text it wrote.
public struct WorkedSteps: Sendable, Equatable {
    public enum Kind: String, Sendable { case softmaxWeight, argmax, count, extreme, dotProduct, scaledScore, weightedSum }
    public var kind: Kind
    public var working: String
}

/// The generic working of an answer, or nil when the answer has no shape the engine knows.
public func workedSolutionKind(_ e: ExerciseExpression, in context: ExerciseContext) -> WorkedSteps? {
    if let s = softmaxSteps(e, in: context) { return WorkedSteps(kind: .softmaxWeight, working: s) }
    if let s = scoreSteps(e, in: context) { return s }
    if let s = weightedSumSteps(e, in: context) { return WorkedSteps(kind: .weightedSum, working: s) }
    if let (f, arg) = argCalls(e).first, let s = rowSteps(arg, marking: f, in: context) {
        return WorkedSteps(kind: .argmax, working: s)
    }
    if let (f, arg) = reductions(e, ["count"]).first, let s = countSteps(arg, in: context) {
        _ = f
        return WorkedSteps(kind: .count, working: s)
    }
    if let (f, arg) = reductions(e, ["max", "min"]).first, let s = rowSteps(arg, marking: f == "max" ? "argmax" : "argmin", in: context) {
        return WorkedSteps(kind: .extreme, working: s)
    }
    return nil
}

/// Replaces each `{expr}` with its value; a placeholder that fails shows its error inline.
public func renderTemplate(_ template: String, in context: ExerciseContext) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        guard let close = rest[open...].firstIndex(of: "}") else { out += rest[open...]; return out }
        let source = String(rest[rest.index(after: open)..<close])
        do {
            var parser = ExpressionParser(tokens: try lexExpression(source))
            out += try context.value(of: try parser.parseExpression()).description
        } catch {
            out += "{\(source): \(error)}"
        }
        rest = rest[rest.index(after: close)...]
    }
    return out + rest
}

/// Placeholders of a template that do not evaluate, for `attn validate`.
func templateErrors(_ template: String, in context: ExerciseContext) -> [String] {
    var errors: [String] = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        let source = String(rest[rest.index(after: open)..<close])
        do {
            var parser = ExpressionParser(tokens: try lexExpression(source))
            _ = try context.value(of: try parser.parseExpression())
        } catch {
            errors.append("solution placeholder {\(source)}: \(error)")
        }
        rest = rest[rest.index(after: close)...]
    }
    return errors
}

// MARK: - The workings

/// `weights[i,j]` or `head(weights,h)[i,j]`: the base name, its head and the two indices.
private func cell(_ e: ExerciseExpression, of names: Set<String>, in context: ExerciseContext) -> (base: String, head: Int?, i: Int, j: Int)? {
    guard case .index(let base, let idx) = e, idx.count == 2,
          let i = try? context.value(of: idx[0]).number, let j = try? context.value(of: idx[1]).number else { return nil }
    switch base {
    case .name(let n) where names.contains(n):
        return (n, nil, Int(i), Int(j))
    case .call("head", let args) where args.count == 2:
        guard case .name(let n) = args[0], names.contains(n), let h = try? context.value(of: args[1]).number else { return nil }
        return (n, Int(h), Int(i), Int(j))
    default:
        return nil
    }
}

private func row(_ name: String, _ i: Int, in context: ExerciseContext) -> [Double]? {
    try? context.value(of: .index(.name(name), [.number(Double(i))])).vector
}

/// Row `i` of the matrix under `key`.
private func row(_ key: ResultKey, _ i: Int, in context: ExerciseContext) -> [Double]? {
    guard let t = context.computed[key: key]?.tensor, t.rank == 2, i >= 0, i < t.rows else { return nil }
    return t.row(i).map(Double.init)
}

/// Labels for a vector of `n` entries: the key tokens, else the tokens, else the indices.
private func labels(_ n: Int, in context: ExerciseContext) -> [String] {
    let keys = context.scene.effectiveKeyTokens
    if keys.count == n { return duplicateMarked(keys) }
    if context.scene.tokens.count == n { return duplicateMarked(context.scene.tokens) }
    return (0..<n).map { "#\($0)" }
}

/// Repeated tokens get their position, so the second `dog` reads `dog (4)`.
private func duplicateMarked(_ tokens: [String]) -> [String] {
    tokens.enumerated().map { i, t in tokens.filter { $0 == t }.count > 1 ? "\(t) (\(i))" : t }
}

/// The exps, sum and division for an answer that is a single softmax weight.
private func softmaxSteps(_ e: ExerciseExpression, in context: ExerciseContext) -> String? {
    guard let (_, head, i, j) = cell(e, of: ["weights"], in: context) else { return nil }
    let weights = ResultKey(name: "weights", head: head)
    // The softmax's input: the masked scores when the scene has them, else the scaled scores,
    // else (a soft read) the scores, else (a head of multiHead) q_i·k_j/√d_h from the head's Q, K.
    let source: String
    let s: [Double]
    if let key = ["masked", "scaled", "scores"].map(weights.sibling).first(where: { context.computed[key: $0] != nil }),
       let r = row(key, i, in: context) {
        source = key.evalName
        s = r
    } else if let head, let derived = headScores(head, i, in: context) {
        source = "\(weights.sibling("Q").evalName)·\(weights.sibling("K").evalName)ᵀ/√d_h"
        s = derived
    } else {
        return nil
    }
    guard s.indices.contains(j) else { return nil }
    let names = labels(s.count, in: context)
    let m = s.max() ?? 0
    guard m.isFinite else { return "Row \(i) of `\(source)` is all −∞: the row is fully masked, so every weight is 0 (attn's convention; the maths gives 0/0)." }
    let t = context.computed.parameters["temperature"] ?? 1
    let z = s.map { $0 / t }
    let exps = z.map { $0 == -.infinity ? 0 : Foundation.exp($0) }
    let sum = exps.reduce(0, +)
    // A soft read normalises by the sum of the scores, not by a softmax: a working that does not
    // give the scene's own weight back would contradict the answer shown under it.
    guard let w = row(weights, i, in: context), w.indices.contains(j),
          abs(exps[j] / sum - w[j]) <= 1e-4 * max(1, abs(w[j])) else { return nil }
    var text = "Row \(i) of `\(source)`\(t == 1 ? "" : " / τ (τ = \(fmt4(t)))"): " + zip(names, z).map { "\($0) \(fmt4($1))" }.joined(separator: ", ") + "\n"
    text += "exp of each: " + exps.map(fmt4).joined(separator: ", ") + (z.contains(-.infinity) ? " (exp(−∞) = 0: masked keys get nothing)" : "") + "\n"
    text += "sum = \(fmt4(sum))\n"
    text += "weight of \(names[j]) = \(fmt4(exps[j])) / \(fmt4(sum)) = \(fmt4(exps[j] / sum))"
    return text
}

/// Row `i` of a head's scaled scores, rebuilt from its Q and K (with the scene's mask), when
/// their softmax gives the head's weights back: multiHead keeps no per-head scores.
private func headScores(_ head: Int, _ i: Int, in context: ExerciseContext) -> [Double]? {
    let weights = ResultKey(name: "weights", head: head)
    guard let q = row(weights.sibling("Q"), i, in: context), let k = context.computed[key: weights.sibling("K")],
          let w = row(weights, i, in: context), k.tensor.rank == 2, k.tensor.rows == w.count else { return nil }
    let scale = 1 / Foundation.sqrt(Double(q.count))
    let visible = row("mask", i, in: context)
    let scores = (0..<w.count).map { j -> Double in
        if let visible, visible.indices.contains(j), visible[j] == 0 { return -.infinity }
        let kj = row(k.key, j, in: context) ?? []
        return zip(q, kj).map(*).reduce(0, +) * scale
    }
    let t = context.computed.parameters["temperature"] ?? 1
    guard let rebuilt = kernelSoftmax(scores, temperature: t), zip(rebuilt, w).allSatisfy({ abs($0 - $1) <= 1e-4 }) else { return nil }
    return scores
}

/// `scores[i,j]` = q_i·k_j term by term; `scaled[i,j]` = scores[i,j]·scale.
private func scoreSteps(_ e: ExerciseExpression, in context: ExerciseContext) -> WorkedSteps? {
    guard let (base, head, i, j) = cell(e, of: ["scores", "scaled"], in: context) else { return nil }
    // Attention scenes have Q and K; a soft read has one query q and keys K.
    let scores = ResultKey(name: "scores", head: head)
    let qKey = scores.sibling("Q"), kKey = scores.sibling("K")
    let hasQ = context.computed[key: qKey] != nil
    let qName = hasQ ? qKey.evalName : "q", kName = kKey.evalName
    let q = hasQ ? row(qKey, i, in: context) : (i == 0 ? (try? context.value(of: .name("q")).vector) ?? nil : nil)
    guard let q, let k = row(kKey, j, in: context), q.count == k.count,
          let s = context.computed[key: scores]?.tensor, s.rank == 2, s.rows > i, s.columns > j
    else { return nil }
    let score = Double(s[i, j])
    // Long vectors (d_k = 64) show their first products only: the working, not a wall of numbers.
    let products = zip(q, k).map { "\(fmt4($0))·\(fmt4($1))" }
    let terms = products.count <= 6 ? products.joined(separator: " + ") : products.prefix(3).joined(separator: " + ") + " + … (\(products.count) products)"
    let qLabel = hasQ ? "q_\(i) (row \(i) of \(qName))" : "q"
    var text = "\(qLabel) = \(shortVector(q))\nk_\(j) (row \(j) of \(kName)) = \(shortVector(k))\n"
    text += "scores[\(i),\(j)] = q·k = \(terms) = \(fmt4(score))"
    guard base == "scaled" else { return WorkedSteps(kind: .dotProduct, working: text) }
    guard let scaled = (try? context.value(of: e).number) ?? nil else { return nil }
    let d = q.count
    if abs(scaled - score / Foundation.sqrt(Double(d))) <= 1e-5 * max(1, abs(scaled)) {
        text += "\nscaled = scores / √d_k = \(fmt4(score)) / √\(d) = \(fmt4(score)) / \(fmt4(Foundation.sqrt(Double(d)))) = \(fmt4(scaled))"
    } else {
        text += "\nscaled = scores · scale = \(fmt4(score)) · \(fmt4(score == 0 ? 0 : scaled / score)) = \(fmt4(scaled))"
    }
    return WorkedSteps(kind: .scaledScore, working: text)
}

/// `output[i]` (or a read's `output`) as Σ_j w_ij·v_j.
private func weightedSumSteps(_ e: ExerciseExpression, in context: ExerciseContext) -> String? {
    let i: Int
    switch e {
    case .index(.name("output"), let idx) where idx.count == 1:
        guard let x = try? context.value(of: idx[0]).number, context.computed["weights"] != nil,
              context.computed["output"]?.tensor.rank == 2 else { return nil }
        i = Int(x)
    case .name("output") where context.computed["output"]?.tensor.rank == 1:
        i = 0
    default:
        return nil
    }
    guard let w = row(ResultKey(name: "weights"), i, in: context) ?? (try? context.value(of: .name("weights")).vector) ?? nil,
          let vTensor = context.computed["V"] ?? context.computed["v"], vTensor.tensor.rank == 2, vTensor.tensor.rows == w.count
    else { return nil }
    let names = labels(w.count, in: context)
    var lines = ["output = Σ_j w_j · v_j over the keys, with the weights of row \(i):"]
    for (j, wj) in w.enumerated() where wj != 0 {
        let v = row(vTensor.key, j, in: context) ?? []
        lines.append("+ \(fmt4(wj)) · v(\(names[j])) = \(fmt4(wj)) · \(shortVector(v))")
    }
    if w.contains(0) { lines.append("(keys with weight 0 add nothing)") }
    if let out = (try? context.value(of: e))?.vector { lines.append("= \(shortVector(out))") }
    return lines.joined(separator: "\n")
}

/// The row an argmax/argmin (or max/min) reads, each entry labelled, the winner marked.
private func rowSteps(_ arg: ExerciseExpression, marking f: String, in context: ExerciseContext) -> String? {
    guard let xs = (try? context.value(of: arg)).flatMap(asRow), !xs.isEmpty else { return nil }
    let names = labels(xs.count, in: context)
    let best = f == "argmax" ? xs.indices.max { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 > $1) }! : xs.indices.min { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }!
    let word = f == "argmax" ? "largest" : "smallest"
    var lines = ["`\(arg)`:"]
    for (j, x) in xs.enumerated() {
        lines.append("\(names[j]) (position \(j)): \(fmt4(x))\(j == best ? "  ← \(word)" : "")")
    }
    lines.append("The \(word) is at position \(best) (\(names[best]))\(xs.filter { $0 == xs[best] }.count > 1 ? "; ties go to the first" : "").")
    return lines.joined(separator: "\n")
}

/// What `count(x)` counts: the entries of the row, each marked when it counts.
private func countSteps(_ arg: ExerciseExpression, in context: ExerciseContext) -> String? {
    guard let flags = (try? context.value(of: arg)).flatMap(asRow), !flags.isEmpty else { return nil }
    // `count(row > 0)`: show the row being compared, not only its 0/1 result.
    var shown = flags
    var what = "`\(arg)`"
    if case .binary(let op, let a, let b) = arg, ["<", "<=", ">", ">=", "==", "!="].contains(op),
       let xs = (try? context.value(of: a)).flatMap(asRow), xs.count == flags.count {
        shown = xs
        what = "`\(a)`, counting the entries \(op) \(b)"
    }
    let names = labels(flags.count, in: context)
    var lines = ["\(what):"]
    for j in flags.indices {
        lines.append("\(names[j]): \(fmt4(shown[j]))\(flags[j] != 0 ? "  ✓ counts" : "")")
    }
    lines.append("\(flags.filter { $0 != 0 }.count) of \(flags.count) count.")
    return lines.joined(separator: "\n")
}

/// A vector, or a matrix of one row (a read's `weights`, `matches`), as its entries.
private func asRow(_ v: ExerciseValue) -> [Double]? {
    guard case .array(let shape, let values) = v else { return nil }
    return shape.count == 1 || (shape.count == 2 && shape[0] == 1) ? values : nil
}

/// A vector for a working: every entry up to eight, else the first four and the last two.
private func shortVector(_ v: [Double]) -> String {
    guard v.count > 8 else { return "[" + v.map(fmt4).joined(separator: ", ") + "]" }
    return "[" + v.prefix(4).map(fmt4).joined(separator: ", ") + ", …, " + v.suffix(2).map(fmt4).joined(separator: ", ") + "] (\(v.count) entries)"
}

/// Every call of one of `names` with one argument, outermost first.
private func reductions(_ e: ExerciseExpression, _ names: Set<String>) -> [(String, ExerciseExpression)] {
    switch e {
    case .call(let f, let args):
        let own = names.contains(f) && args.count == 1 ? [(f, args[0])] : []
        return own + args.flatMap { reductions($0, names) }
    case .index(let b, let i): return reductions(b, names) + i.flatMap { reductions($0, names) }
    case .negate(let x), .not(let x): return reductions(x, names)
    case .binary(_, let a, let b): return reductions(a, names) + reductions(b, names)
    case .number, .name, .parameter: return []
    }
}

/// A hint with each `$parameter` replaced by its value in this scene (`Here d_k = $dk.` →
/// `Here d_k = 4.`). Only names the scene has are replaced, so inline maths (`$\sqrt{d_k}$`)
/// passes through untouched.
public func renderHint(_ hint: String, in context: ExerciseContext) -> String {
    var out = ""
    var rest = Substring(hint)
    while let dollar = rest.firstIndex(of: "$") {
        out += rest[..<dollar]
        let after = rest[rest.index(after: dollar)...]
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if !name.isEmpty, let value = context.computed.parameters[String(name)] {
            out += parameterText(String(name), in: context.scene, overrides: context.computed.parameters.filter { $0.key == String(name) }) ?? fmt4(value)
            rest = after[name.endIndex...]
        } else {
            out += "$"
            rest = after
        }
    }
    return out + rest
}
