import Foundation

/// The verdict on a learner's answer, with what to tell them.
public struct ExerciseCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case right, wrong
        /// The input could not be read as the exercise's kind; it does not count as a try.
        case unreadable
    }
    public var verdict: Verdict
    /// One sentence for the learner. A wrong answer's message never contains the answer.
    public var message: String
    /// For numbers: given − expected (for graders; never shown to a learner).
    public var difference: Double?
    /// For vectors: the indices of the entries that are off.
    public var wrongEntries: [Int]

    public var isCorrect: Bool { verdict == .right }
}

/// Checks `given` (what the learner typed) against the exercise's computed answer.
///
/// Never traps: unreadable input and an answer the scene cannot compute both come back as a
/// verdict with a message. `feedback` overrides the exercise's own (`attn check --feedback none`).
public func checkAnswer(_ exercise: Exercise, in context: ExerciseContext, given: String, feedback: ExerciseFeedback? = nil) -> ExerciseCheck {
    let expected: ExerciseValue
    do {
        expected = try context.answer(exercise)
    } catch {
        return ExerciseCheck(verdict: .unreadable, message: "this exercise cannot be checked in this scene: \(error)", difference: nil, wrongEntries: [])
    }
    return checkAnswer(exercise, expected: expected, given: given, feedback: feedback)
}

/// The words a learner may type for yes and for no (English and Russian).
let yesWords: Set<String> = ["yes", "y", "true", "да", "д"]
let noWords: Set<String> = ["no", "n", "false", "нет", "н"]

/// The comparison itself, separate from evaluation so a grader can reuse a computed answer.
///
/// A number `x` is right when |x − a| ≤ max(relative·|a|, tolerance) (`Exercise.accepted`).
/// With full feedback a wrong number is told its direction and whether it is close (within five
/// times the accepted difference), a wrong vector which entries are off; with `none`, only
/// "wrong". Neither ever shows the expected value before a right answer.
public func checkAnswer(_ exercise: Exercise, expected: ExerciseValue, given: String, feedback: ExerciseFeedback? = nil) -> ExerciseCheck {
    let full = (feedback ?? exercise.feedback) == .full
    let text = given.trimmingCharacters(in: .whitespacesAndNewlines)
    func unreadable(_ m: String) -> ExerciseCheck { ExerciseCheck(verdict: .unreadable, message: m, difference: nil, wrongEntries: []) }
    func right(_ m: String, _ d: Double? = nil) -> ExerciseCheck { ExerciseCheck(verdict: .right, message: m, difference: d, wrongEntries: []) }
    func wrong(_ detail: String?, _ d: Double? = nil, _ w: [Int] = []) -> ExerciseCheck {
        ExerciseCheck(verdict: .wrong, message: full && detail != nil ? "wrong: \(detail!)" : "wrong", difference: d, wrongEntries: w)
    }
    guard !text.isEmpty else { return unreadable("type an answer first") }
    switch exercise.kind {
    case .number:
        guard let e = expected.number else { return unreadable("the answer is not a number") }
        if text.lowercased() == "nan" {
            // 0/0 in floating point; PyTorch's softmax gives it for a fully masked row. The
            // question asks for a number in attn's convention, so NaN is a wrong answer, not a typo.
            return wrong("NaN is what 0/0 gives in floating point (PyTorch returns it for a fully masked row); this question asks for attn's convention, which is a number")
        }
        guard let x = parseAnswerNumber(text) else { return unreadable("'\(text)' is not a number (write e.g. 0.25, -1.5 or 1/3)") }
        let d = x - e
        let allowed = exercise.accepted(around: e)
        if abs(d) <= allowed { return right("right: \(fmt4(e))", d) }
        let close = abs(d) <= 5 * allowed
        return wrong("too \(d > 0 ? "high" : "low")\(close ? ", but close" : "")", d)
    case .vector:
        guard let xs = parseAnswerVector(text) else { return unreadable("'\(text)' is not a list of numbers (write e.g. 0.5, 1.2, -3)") }
        guard let e = expected.vector else { return unreadable("the answer is not a vector") }
        guard xs.count == e.count else { return wrong("the answer has \(e.count) entries, you gave \(xs.count)") }
        let off = e.indices.filter { abs(xs[$0] - e[$0]) > exercise.accepted(around: e[$0]) }
        if off.isEmpty { return right("right: \(expected)") }
        let which = off.map(String.init).joined(separator: ", ")
        return wrong("entr\(off.count == 1 ? "y" : "ies") \(which) (counting from 0) \(off.count == 1 ? "is" : "are") off", nil, off)
    case .token:
        guard case .token(let i, let t) = expected else { return unreadable("the answer is not a token") }
        if let n = Int(text) { return n == i ? right("right: \(t) (index \(i))") : wrong("index \(n) is not the answer") }
        return text.lowercased() == t.lowercased() ? right("right: \(t)") : wrong("not '\(text)'")
    case .yesno:
        guard case .bool(let b) = expected else { return unreadable("the answer is not yes/no") }
        let lower = text.lowercased()
        guard yesWords.contains(lower) || noWords.contains(lower) else { return unreadable("answer yes or no (y/n, true/false, да/нет)") }
        return yesWords.contains(lower) == b ? right("right: \(b ? "yes" : "no")") : wrong(nil)
    }
}

/// A typed number: `0.25`, `-1.5e-3`, `1/3`, `25%`.
func parseAnswerNumber(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("%"), let x = Double(t.dropLast()), x.isFinite { return x / 100 }
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { return a / b }
    guard let x = Double(t), x.isFinite else { return nil }
    return x
}

/// A typed vector: `0.1, 0.2`, `[0.1 0.2]`, `0.1; 0.2`.
func parseAnswerVector(_ text: String) -> [Double]? {
    let parts = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]() ")).split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" })
    let xs = parts.compactMap { parseAnswerNumber(String($0)) }
    return !xs.isEmpty && xs.count == parts.count ? xs : nil
}
