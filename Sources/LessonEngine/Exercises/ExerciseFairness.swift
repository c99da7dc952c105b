import AttentionKernel
import Foundation

/// Whether a scene asks an exercise fairly: its answer can be told apart from the mistakes a
/// student plausibly makes, and from its nearest rival.
///
/// For a number: the transposed cell, the neighbouring query's cell, the weight without the
/// 1/√d_k scaling, 0, and a count off by one must each lie more than twice the accepted
/// difference away from the answer (unless they are the answer itself, as in a symmetric map).
/// For an argmax (a token or a position): the top two candidates must not tie (`nearTies`).
///
/// `lessonVariant` uses this to re-draw a student's variant of a step until every exercise on
/// it is fair, and `attn validate` reports a lesson whose own numbers are not.
func fairnessProblems(_ exercise: Exercise, in context: ExerciseContext) -> [ExerciseProblem] {
    guard let answer = try? context.answer(exercise) else { return [] }
    var problems = nearTies(exercise, in: context)
    if let a = answer.number {
        let margin = 2 * exercise.accepted(around: a)
        for (mistake, w) in plausibleMistakes(exercise, answer: a, in: context)
        where abs(w - a) > 1e-9 * max(1, abs(a)) && abs(w - a) <= margin {
            problems.append(.tooCloseToMistake(mistake, value: w, answer: a))
        }
    }
    return problems
}

/// The mistakes a student plausibly makes on a number exercise, each named.
func plausibleMistakes(_ exercise: Exercise, answer: Double, in context: ExerciseContext) -> [(ExerciseProblem.Mistake, Double)] {
    var out: [(ExerciseProblem.Mistake, Double)] = [(.zero, 0)]
    if answer == answer.rounded(), abs(answer) < 1e6 { out += [(.oneMore, answer + 1), (.oneLess, answer - 1)] }
    guard case .index(let base, let idx) = exercise.expression, idx.count == 2,
          let i = (try? context.value(of: idx[0]))?.number, let j = (try? context.value(of: idx[1]))?.number else { return out }
    func cell(_ r: Double, _ c: Double) -> Double? {
        (try? context.value(of: .index(base, [.number(r), .number(c)])))?.number
    }
    if let t = cell(j, i) { out.append((.transposedCell, t)) }
    for r in [i - 1, i + 1] {
        if let n = cell(r, j) { out.append((.neighbouringQuery, n)) }
    }
    if case .name("weights") = base, let w = unscaledWeight(Int(i), Int(j), in: context) {
        out.append((.unscaledWeight, w))
    }
    return out
}

/// softmax(scores_i / τ)_j under the scene's mask: the weight a student gets who forgets to scale.
private func unscaledWeight(_ i: Int, _ j: Int, in context: ExerciseContext) -> Double? {
    guard context.computed["scaled"] != nil,
          let s = (try? context.value(of: .index(.name("scores"), [.number(Double(i))])))?.vector,
          let masked = (try? context.value(of: .index(.name("masked"), [.number(Double(i))])))?.vector,
          s.count == masked.count, s.indices.contains(j) else { return nil }
    let t = context.computed.parameters["temperature"] ?? 1
    return kernelSoftmax(zip(s, masked).map { $1 == -.infinity ? -Double.infinity : $0 }, temperature: t)?[j]
}

/// The kernel's softmax of one row, in Doubles; nil for a fully masked row or a bad temperature.
func kernelSoftmax(_ row: [Double], temperature: Double) -> [Double]? {
    guard let t = try? Tensor(shape: [1, row.count], scalars: row.map(Float.init)),
          let r = try? softmax(t, temperature: Float(temperature)), r.fullyMaskedRows.isEmpty else { return nil }
    return r.weights.scalars.map(Double.init)
}

/// Whether every exercise of a step is fair in `scene`.
func isFair(_ exercises: [Exercise], in scene: Scene) -> Bool {
    guard !exercises.isEmpty else { return true }
    guard let context = try? ExerciseContext(scene: scene) else { return false }
    return exercises.allSatisfy { exercise in
        (try? context.resolved(for: exercise)).map { fairnessProblems(exercise, in: $0).isEmpty } ?? false
    }
}

/// How many other draws a variant tries before it keeps an unfair one. `FairGradingTests` checks
/// over 100 seeds that every lesson in `Lessons/` gets a fair draw well within this.
let maximumVariantRedraws = 16
