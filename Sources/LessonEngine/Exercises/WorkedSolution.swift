/// The worked solution of an exercise, with the scene's own numbers.
///
/// The author's `solution` template is rendered with each `{expr}` replaced by its value in
/// this scene (`{scores[2]}` → `[0.1, 1.3, -0.4]`). Without a template, or in addition to it,
/// an answer that is one softmax weight (`weights[i,j]`, `head(weights,h)[i,j]`) is worked
/// out generically: the row of scores the softmax read, their exps, the sum and the division.
public func workedSolution(_ exercise: Exercise, in context: ExerciseContext) -> String {
    guard let context = try? context.resolved(for: exercise) else {
        return "This exercise cannot be computed here."
    }
    var lines: [String] = []
    if let template = exercise.solution {
        lines.append(renderTemplate(template, in: context))
    }
    if let steps = softmaxSteps(exercise.expression, in: context) { lines.append(steps) }
    let answer = (try? context.answer(exercise)).map(\.description) ?? "(cannot be computed here)"
    lines.append("Answer: `\(exercise.answer)` = \(answer)")
    return lines.joined(separator: "\n\n")
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

/// exps, sum and division for an answer that is a single softmax weight.
private func softmaxSteps(_ e: ExerciseExpression, in context: ExerciseContext) -> String? {
    guard case .index(let base, let idx) = e, idx.count == 2 else { return nil }
    var suffix = ""
    switch base {
    case .name("weights"): break
    case .call("head", let args) where args.count == 2:
        guard case .name("weights") = args[0], let h = try? context.value(of: args[1]).number else { return nil }
        suffix = "[\(Int(h))]"
    default: return nil
    }
    // The softmax's input: the masked scores when the scene has them, else the scaled scores.
    let source = ["masked", "scaled"].first { context.computed[$0 + suffix] != nil }
    guard let source, let i = try? context.value(of: idx[0]).number, let j = try? context.value(of: idx[1]).number,
          let s = try? context.value(of: .index(.name(source + suffix), [.number(i)])).vector,
          s.indices.contains(Int(j)) else { return nil }
    let m = s.max() ?? 0
    guard m.isFinite else { return "Row \(Int(i)) of \(source) is all −∞: the row is fully masked, so every weight is 0." }
    let t = context.computed.parameters["temperature"] ?? 1
    let z = s.map { $0 / t }
    let exps = z.map { $0 == -.infinity ? 0 : Foundation.exp($0) }
    let sum = exps.reduce(0, +)
    var text = "Row \(Int(i)) of `\(source)`\(t == 1 ? "" : " / τ"): " + z.map(fmt4).joined(separator: ", ") + "\n"
    text += "exp of each: " + exps.map(fmt4).joined(separator: ", ") + "\n"
    text += "sum = \(fmt4(sum))\n"
    text += "weight \(Int(j)) = \(fmt4(exps[Int(j)])) / \(fmt4(sum)) = \(fmt4(exps[Int(j)] / sum))"
    return text
}

import Foundation
