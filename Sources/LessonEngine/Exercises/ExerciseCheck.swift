import Foundation

/// The verdict on a learner's answer, with what to tell them.
public struct ExerciseCheck: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        case right, wrong
        /// The input could not be read as the exercise's kind; it does not count as a try.
        case unreadable
    }
    public var verdict: Verdict
    /// What to tell the learner, as a value: `text(_:)` says it in their language. A wrong
    /// answer's feedback never contains the answer.
    public var feedback: AnswerFeedback
    /// For numbers: given − expected (for graders; never shown to a learner).
    public var difference: Double?
    /// For vectors: the indices of the entries that are off.
    public var wrongEntries: [Int]

    public var isCorrect: Bool { verdict == .right }

    /// One sentence for the learner, in `language`.
    public func text(_ language: Language) -> String { feedback.text(language) }

    /// The sentence in English (reports, logs and the tests that read them).
    public var message: String { feedback.text(.en) }
}

/// Checks `given` (what the learner typed) against the exercise's computed answer.
///
/// Never traps: unreadable input and an answer the scene cannot compute both come back as a
/// verdict with feedback. `feedback` overrides the exercise's own (`attn check --feedback none`).
public func checkAnswer(_ exercise: Exercise, in context: ExerciseContext, given: String, feedback: ExerciseFeedback? = nil) -> ExerciseCheck {
    let expected: ExerciseValue
    do {
        expected = try context.answer(exercise)
    } catch {
        return ExerciseCheck(verdict: .unreadable, feedback: .cannotCheck(reason: "\(error)"), difference: nil, wrongEntries: [])
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
    func unreadable(_ f: AnswerFeedback) -> ExerciseCheck { ExerciseCheck(verdict: .unreadable, feedback: f, difference: nil, wrongEntries: []) }
    func right(_ f: AnswerFeedback, _ d: Double? = nil) -> ExerciseCheck { ExerciseCheck(verdict: .right, feedback: f, difference: d, wrongEntries: []) }
    func wrong(_ detail: WrongDetail?, _ d: Double? = nil, _ w: [Int] = []) -> ExerciseCheck {
        ExerciseCheck(verdict: .wrong, feedback: .wrong(full ? detail : nil), difference: d, wrongEntries: w)
    }
    guard !text.isEmpty else { return unreadable(.empty) }
    switch exercise.kind {
    case .number:
        guard let e = expected.number else { return unreadable(.answerIsNot(.number)) }
        if text.lowercased() == "nan" {
            // 0/0 in floating point; PyTorch's softmax gives it for a fully masked row. The
            // question asks for a number in attn's convention, so NaN is a wrong answer, not a typo.
            return wrong(.notANumberConvention)
        }
        guard let x = parseAnswerNumber(text) else { return unreadable(.notANumber(text)) }
        let d = x - e
        let allowed = exercise.accepted(around: e)
        if abs(d) <= allowed { return right(.right(.number(e)), d) }
        let close = abs(d) <= 5 * allowed
        return wrong(d > 0 ? .tooHigh(close: close) : .tooLow(close: close), d)
    case .vector:
        guard let xs = parseAnswerVector(text) else { return unreadable(.notAVector(text)) }
        guard let e = expected.vector else { return unreadable(.answerIsNot(.vector)) }
        guard xs.count == e.count else { return wrong(.entryCount(expected: e.count, given: xs.count)) }
        let off = e.indices.filter { abs(xs[$0] - e[$0]) > exercise.accepted(around: e[$0]) }
        if off.isEmpty { return right(.right(expected)) }
        return wrong(.entriesOff(off), nil, off)
    case .token:
        guard case .token(let i, let t) = expected else { return unreadable(.answerIsNot(.token)) }
        if let n = Int(text) { return n == i ? right(.rightToken(t, index: i)) : wrong(.notTheIndex(n)) }
        return text.lowercased() == t.lowercased() ? right(.rightToken(t, index: nil)) : wrong(.notTheToken(text))
    case .yesno:
        guard case .bool(let b) = expected else { return unreadable(.answerIsNot(.yesno)) }
        let lower = text.lowercased()
        guard yesWords.contains(lower) || noWords.contains(lower) else { return unreadable(.notYesOrNo) }
        return yesWords.contains(lower) == b ? right(.right(.bool(b))) : wrong(nil)
    }
}

/// A typed number: `0.25`, `0,25` (a decimal comma), `-1.5e-3`, `−2`, `1/3`, `25%`, `inf`.
func parseAnswerNumber(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    let reader = NumberFormat.russian   // reads both `0.25` and `0,25`
    if t.hasSuffix("%"), let x = reader.parse(String(t.dropLast())), x.isFinite { return x / 100 }
    let parts = t.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2, let a = reader.parse(String(parts[0])), let b = reader.parse(String(parts[1])), b != 0, a.isFinite, b.isFinite { return a / b }
    guard let x = reader.parse(t), x.isFinite else { return nil }
    return x
}

/// A typed vector, by one rule that is never ambiguous (FORMAT.md §2.8, "Typing a vector"):
/// 1. with a `;`, semicolons separate the entries and a comma is a decimal comma: `0,5; 0,25`;
/// 2. else, when the entries are separated by spaces and every comma sits between two digits,
///    the commas are decimal commas: `0,5 0,25`;
/// 3. else commas and spaces separate the entries and the point is the decimal mark:
///    `0.5, 0.25`, `[0.5 0.25]`, `1,2,3`.
/// Brackets are optional.
func parseAnswerVector(_ text: String) -> [Double]? {
    let inner = text.trimmingCharacters(in: CharacterSet(charactersIn: "[]() \t"))
    let parts: [Substring]
    if inner.contains(";") {
        parts = inner.split(separator: ";", omittingEmptySubsequences: false).map { Substring($0.trimmingCharacters(in: .whitespaces)) }
    } else if inner.contains(where: { $0 == " " || $0 == "\t" }) && inner.contains(",") && commasAreDecimal(inner) {
        parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" })
    } else {
        parts = inner.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
    }
    let xs = parts.compactMap { parseAnswerNumber(String($0)) }
    return !xs.isEmpty && xs.count == parts.count ? xs : nil
}

/// Whether every comma in `text` sits between two digits, as a decimal comma does.
private func commasAreDecimal(_ text: String) -> Bool {
    let chars = Array(text)
    return chars.indices.allSatisfy { i in
        chars[i] != "," || (i > 0 && i + 1 < chars.count && chars[i - 1].isNumber && chars[i + 1].isNumber)
    }
}
