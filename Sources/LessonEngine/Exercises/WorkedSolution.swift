import Foundation

/// The worked solution of an exercise, with the scene's own numbers.
///
/// The author's `solution` template is rendered with each `{expr}` replaced by its value in
/// this scene (`{scores[2]}` → `[0.1, 1.3, -0.4]`). Whether or not there is a template, an
/// answer of a shape the engine recognises (`workedSolutionKind`) is also worked out step by
/// step: a softmax weight from its scores, exps, sum and division; an argmax from its row with
/// the winner marked; a count from the row it counts; a dot product term by term; an output row
/// as its weighted sum.
///
/// In `language`'s words and numbers (`0,25` and `[0,25; 0,75]` in Russian); the expressions the
/// author wrote stay as written.
public func workedSolution(_ exercise: Exercise, in context: ExerciseContext, language: Language = .en) -> String {
    guard let context = try? context.resolved(for: exercise) else {
        return EngineText.wsCannotCompute.text(language)
    }
    var lines: [String] = []
    if !exercise.pins.isEmpty {
        let pins = exercise.pins.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.text(language))" }.joined(separator: ", ")
        lines.append(EngineText.wsWith.text(language, ["pins": pins]))
    }
    if let template = exercise.solution {
        lines.append(renderTemplate(template, in: context, language: language))
    }
    if let kind = workedSolutionKind(exercise.expression, in: context, language: language) { lines.append(kind.working) }
    let answer = (try? context.answer(exercise)).map { $0.text(language) } ?? EngineText.wsAnswerUnavailable.text(language)
    lines.append(EngineText.wsAnswer.text(language, ["answer": exercise.answer, "value": answer]))
    return lines.joined(separator: "\n\n")
}

/// A working the engine can write out by itself, with the text it wrote.
public struct WorkedSteps: Sendable, Equatable {
    public enum Kind: String, Sendable { case softmaxWeight, argmax, count, extreme, dotProduct, scaledScore, weightedSum }
    public var kind: Kind
    public var working: String
}

/// The generic working of an answer, or nil when the answer has no shape the engine knows.
public func workedSolutionKind(_ e: ExerciseExpression, in context: ExerciseContext, language: Language = .en) -> WorkedSteps? {
    let w = Working(language: language)
    if let s = softmaxSteps(e, in: context, w) { return WorkedSteps(kind: .softmaxWeight, working: s) }
    if let s = scoreSteps(e, in: context, w) { return s }
    if let s = weightedSumSteps(e, in: context, w) { return WorkedSteps(kind: .weightedSum, working: s) }
    if let (f, arg) = argCalls(e).first, let s = rowSteps(arg, marking: f, in: context, w) {
        return WorkedSteps(kind: .argmax, working: s)
    }
    if let (_, arg) = reductions(e, ["count"]).first, let s = countSteps(arg, in: context, w) {
        return WorkedSteps(kind: .count, working: s)
    }
    if let (f, arg) = reductions(e, ["max", "min"]).first, let s = rowSteps(arg, marking: f == "max" ? "argmax" : "argmin", in: context, w) {
        return WorkedSteps(kind: .extreme, working: s)
    }
    return nil
}

/// Replaces each `{expr}` with its value; a placeholder that fails shows its error inline.
public func renderTemplate(_ template: String, in context: ExerciseContext, language: Language = .en) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        guard let close = rest[open...].firstIndex(of: "}") else { out += rest[open...]; return out }
        let source = String(rest[rest.index(after: open)..<close])
        do {
            var parser = ExpressionParser(tokens: try lexExpression(source))
            out += try context.value(of: try parser.parseExpression()).text(language)
        } catch {
            out += "{\(source): \(EngineCause(error).text(language))}"
        }
        rest = rest[rest.index(after: close)...]
    }
    return out + rest
}

/// Placeholders of a template that do not evaluate, for `attn validate`.
func templateErrors(_ template: String, in context: ExerciseContext) -> [ExerciseProblem] {
    var errors: [ExerciseProblem] = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
        let source = String(rest[rest.index(after: open)..<close])
        do {
            var parser = ExpressionParser(tokens: try lexExpression(source))
            _ = try context.value(of: try parser.parseExpression())
        } catch {
            errors.append(.solutionPlaceholder(source: source, cause: EngineCause(error)))
        }
        rest = rest[rest.index(after: close)...]
    }
    return errors
}

// MARK: - The workings

/// The language a working is written in, with its number format.
private struct Working {
    let language: Language
    var numbers: NumberFormat { language.numbers }

    /// A number as workings write it: four decimals at most.
    func number(_ x: Double) -> String { numbers.short(x) }

    func text(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }

    /// A vector for a working: every entry up to eight, else the first four and the last two.
    func vector(_ v: [Double]) -> String {
        guard v.count > 8 else { return numbers.vector(v) }
        let sep = numbers.listSeparator
        return "[" + v.prefix(4).map(number).joined(separator: sep) + sep + "…" + sep + v.suffix(2).map(number).joined(separator: sep) + "] "
            + EngineText.wsEntries.counted(v.count, language)
    }
}

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
private func softmaxSteps(_ e: ExerciseExpression, in context: ExerciseContext, _ w: Working) -> String? {
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
    guard m.isFinite else { return w.text(.wsFullyMasked, ["row": "\(i)", "source": source]) }
    let t = context.computed.parameters["temperature"] ?? 1
    let z = s.map { $0 / t }
    // The exps and their sum are the working shown; the weight itself is the kernel's softmax, so
    // the last line is the number the scene computed.
    let exps = z.map { $0 == -.infinity ? 0 : Foundation.exp($0) }
    let sum = exps.reduce(0, +)
    // A soft read normalises by the sum of the scores, not by a softmax: a working that does not
    // give the scene's own weight back would contradict the answer shown under it.
    guard let actual = row(weights, i, in: context), actual.indices.contains(j),
          abs(exps[j] / sum - actual[j]) <= 1e-4 * max(1, abs(actual[j])) else { return nil }
    let weight = kernelSoftmax(s, temperature: t)?[j] ?? exps[j] / sum
    let sep = w.numbers.listSeparator
    let temperature = t == 1 ? "" : w.text(.wsOverTemperature, ["t": w.number(t)])
    var text = w.text(.wsSoftmaxRow, ["row": "\(i)", "source": source, "temperature": temperature]) + ": "
        + zip(names, z).map { "\($0) \(w.number($1))" }.joined(separator: sep) + "\n"
    text += w.text(.wsExpOfEach) + ": " + exps.map(w.number).joined(separator: sep) + (z.contains(-.infinity) ? w.text(.wsMaskedGetNothing) : "") + "\n"
    text += w.text(.wsSum) + " = \(w.number(sum))\n"
    text += w.text(.wsWeightOf, ["name": names[j]]) + " = \(w.number(exps[j])) / \(w.number(sum)) = \(w.number(weight))"
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
private func scoreSteps(_ e: ExerciseExpression, in context: ExerciseContext, _ w: Working) -> WorkedSteps? {
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
    let products = zip(q, k).map { "\(w.number($0))·\(w.number($1))" }
    let terms = products.count <= 6 ? products.joined(separator: " + ")
        : products.prefix(3).joined(separator: " + ") + " + … " + EngineText.wsProducts.counted(products.count, w.language)
    let qLabel = hasQ ? "q_\(i) " + w.text(.wsRowOf, ["row": "\(i)", "name": qName]) : "q"
    var text = "\(qLabel) = \(w.vector(q))\nk_\(j) " + w.text(.wsRowOf, ["row": "\(j)", "name": kName]) + " = \(w.vector(k))\n"
    text += "scores[\(i),\(j)] = q·k = \(terms) = \(w.number(score))"
    guard base == "scaled" else { return WorkedSteps(kind: .dotProduct, working: text) }
    guard let scaled = (try? context.value(of: e).number) ?? nil else { return nil }
    let d = q.count
    if abs(scaled - score / Foundation.sqrt(Double(d))) <= 1e-5 * max(1, abs(scaled)) {
        text += "\nscaled = scores / √d_k = \(w.number(score)) / √\(d) = \(w.number(score)) / \(w.number(Foundation.sqrt(Double(d)))) = \(w.number(scaled))"
    } else {
        text += "\nscaled = scores · scale = \(w.number(score)) · \(w.number(score == 0 ? 0 : scaled / score)) = \(w.number(scaled))"
    }
    return WorkedSteps(kind: .scaledScore, working: text)
}

/// `output[i]` (or a read's `output`) as Σ_j w_ij·v_j.
private func weightedSumSteps(_ e: ExerciseExpression, in context: ExerciseContext, _ working: Working) -> String? {
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
    var lines = [working.text(.wsWeightedSum, ["row": "\(i)"])]
    for (j, wj) in w.enumerated() where wj != 0 {
        let v = row(vTensor.key, j, in: context) ?? []
        lines.append("+ \(working.number(wj)) · v(\(names[j])) = \(working.number(wj)) · \(working.vector(v))")
    }
    if w.contains(0) { lines.append(working.text(.wsZeroWeights)) }
    if let out = (try? context.value(of: e))?.vector { lines.append("= \(working.vector(out))") }
    return lines.joined(separator: "\n")
}

/// The row an argmax/argmin (or max/min) reads, each entry labelled, the winner marked.
private func rowSteps(_ arg: ExerciseExpression, marking f: String, in context: ExerciseContext, _ w: Working) -> String? {
    guard let xs = (try? context.value(of: arg)).flatMap(asRow), !xs.isEmpty else { return nil }
    let names = labels(xs.count, in: context)
    let best = f == "argmax" ? xs.indices.max { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 > $1) }! : xs.indices.min { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }!
    let word = w.text(f == "argmax" ? .wsLargest : .wsSmallest)
    var lines = ["`\(arg)`:"]
    for (j, x) in xs.enumerated() {
        lines.append("\(names[j]) " + w.text(.wsPosition, ["position": "\(j)"]) + ": \(w.number(x))\(j == best ? "  ← \(word)" : "")")
    }
    let ties = xs.filter { $0 == xs[best] }.count > 1 ? w.text(.wsTiesGoFirst) : ""
    lines.append(w.text(f == "argmax" ? .wsLargestAt : .wsSmallestAt, ["position": "\(best)", "name": names[best], "ties": ties]))
    return lines.joined(separator: "\n")
}

/// What `count(x)` counts: the entries of the row, each marked when it counts.
private func countSteps(_ arg: ExerciseExpression, in context: ExerciseContext, _ w: Working) -> String? {
    guard let flags = (try? context.value(of: arg)).flatMap(asRow), !flags.isEmpty else { return nil }
    // `count(row > 0)`: show the row being compared, not only its 0/1 result.
    var shown = flags
    var what = "`\(arg)`"
    if case .binary(let op, let a, let b) = arg, ["<", "<=", ">", ">=", "==", "!="].contains(op),
       let xs = (try? context.value(of: a)).flatMap(asRow), xs.count == flags.count {
        shown = xs
        what = "`\(a)`, " + w.text(.wsCountingEntries, ["condition": "\(op) \(b)"])
    }
    let names = labels(flags.count, in: context)
    var lines = ["\(what):"]
    for j in flags.indices {
        lines.append("\(names[j]): \(w.number(shown[j]))\(flags[j] != 0 ? "  ✓ " + w.text(.wsCounts) : "")")
    }
    lines.append(w.text(.wsCountOf, ["count": "\(flags.filter { $0 != 0 }.count)", "total": "\(flags.count)"]))
    return lines.joined(separator: "\n")
}

/// A vector, or a matrix of one row (a read's `weights`, `matches`), as its entries.
private func asRow(_ v: ExerciseValue) -> [Double]? {
    guard case .array(let shape, let values) = v else { return nil }
    return shape.count == 1 || (shape.count == 2 && shape[0] == 1) ? values : nil
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
public func renderHint(_ hint: String, in context: ExerciseContext, language: Language = .en) -> String {
    var out = ""
    var rest = Substring(hint)
    while let dollar = rest.firstIndex(of: "$") {
        out += rest[..<dollar]
        let after = rest[rest.index(after: dollar)...]
        let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if !name.isEmpty, let value = context.computed.parameters[String(name)] {
            out += parameterText(String(name), in: context.scene, overrides: context.computed.parameters.filter { $0.key == String(name) }) ?? language.numbers.short(value)
            rest = after[name.endIndex...]
        } else {
            out += "$"
            rest = after
        }
    }
    return out + rest
}
