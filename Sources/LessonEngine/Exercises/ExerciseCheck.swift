import Foundation

/// The verdict on a learner's answer, with what to tell them.
public struct ExerciseCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case right, wrong
        /// The input could not be read as the exercise's kind; it does not count as a try.
        case unreadable
    }
    public var verdict: Verdict
    /// One sentence for the learner.
    public var message: String
    /// For numbers: given − expected.
    public var difference: Double?
    /// For vectors: the indices of the entries that are off.
    public var wrongEntries: [Int]

    public var isCorrect: Bool { verdict == .right }
}

/// Checks `given` (what the learner typed) against the exercise's computed answer.
///
/// Never traps: unreadable input and an answer the scene cannot compute both come back as a
/// verdict with a message.
public func checkAnswer(_ exercise: Exercise, in context: ExerciseContext, given: String) -> ExerciseCheck {
    let expected: ExerciseValue
    do {
        expected = try context.answer(exercise)
    } catch {
        return ExerciseCheck(verdict: .unreadable, message: "this exercise cannot be checked in this scene: \(error)", difference: nil, wrongEntries: [])
    }
    return checkAnswer(kind: exercise.kind, expected: expected, tolerance: exercise.tolerance, given: given)
}

/// The comparison itself, separate from evaluation so a grader can reuse a computed answer.
public func checkAnswer(kind: ExerciseKind, expected: ExerciseValue, tolerance: Double, given: String) -> ExerciseCheck {
    let text = given.trimmingCharacters(in: .whitespacesAndNewlines)
    func unreadable(_ m: String) -> ExerciseCheck { ExerciseCheck(verdict: .unreadable, message: m, difference: nil, wrongEntries: []) }
    func verdict(_ ok: Bool, _ m: String, _ d: Double? = nil, _ w: [Int] = []) -> ExerciseCheck {
        ExerciseCheck(verdict: ok ? .right : .wrong, message: m, difference: d, wrongEntries: w)
    }
    guard !text.isEmpty else { return unreadable("type an answer first") }
    switch kind {
    case .number:
        guard let x = parseAnswerNumber(text) else { return unreadable("'\(text)' is not a number (write e.g. 0.25, -1.5 or 1/3)") }
        guard let e = expected.number else { return unreadable("the answer is not a number") }
        let d = x - e
        if abs(d) <= tolerance { return verdict(true, "right: \(fmt4(e))", d) }
        return verdict(false, "wrong: \(fmt4(x)) is \(fmt4(abs(d))) too \(d > 0 ? "high" : "low")", d)
    case .vector:
        let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]() ")).split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
        let xs = parts.map { parseAnswerNumber(String($0)) }
        guard !xs.isEmpty, xs.allSatisfy({ $0 != nil }) else { return unreadable("'\(text)' is not a list of numbers (write e.g. 0.5, 1.2, -3)") }
        guard let e = expected.vector else { return unreadable("the answer is not a vector") }
        guard xs.count == e.count else { return verdict(false, "wrong: the answer has \(e.count) entries, you gave \(xs.count)") }
        let off = e.indices.filter { abs(xs[$0]! - e[$0]) > tolerance }
        if off.isEmpty { return verdict(true, "right: \(expected)") }
        return verdict(false, "wrong: entr\(off.count == 1 ? "y" : "ies") \(off.map(String.init).joined(separator: ", ")) \(off.count == 1 ? "is" : "are") off", nil, off)
    case .token:
        guard case .token(let i, let t) = expected else { return unreadable("the answer is not a token") }
        if let n = Int(text) { return verdict(n == i, n == i ? "right: \(t) (index \(i))" : "wrong: index \(n) is not the answer") }
        let ok = text.lowercased() == t.lowercased()
        return verdict(ok, ok ? "right: \(t)" : "wrong: not '\(text)'")
    case .yesno:
        guard case .bool(let b) = expected else { return unreadable("the answer is not yes/no") }
        let yes = ["yes", "y", "true"], no = ["no", "n", "false"]
        let lower = text.lowercased()
        guard yes.contains(lower) || no.contains(lower) else { return unreadable("answer yes or no") }
        let ok = yes.contains(lower) == b
        return verdict(ok, ok ? "right: \(b ? "yes" : "no")" : "wrong")
    }
}

/// A typed number: `0.25`, `-1.5e-3`, `1/3`, `25%`.
func parseAnswerNumber(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("%"), let x = Double(t.dropLast()) , x.isFinite { return x / 100 }
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { return a / b }
    guard let x = Double(t), x.isFinite else { return nil }
    return x
}
