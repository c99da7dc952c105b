import Foundation
import Yams

/// Grading without the TUI: an answers file (YAML or JSON keyed by exercise id) checked
/// against a lesson, for `attn check` and an instructor's grading script.
public struct GradedExercise: Sendable, Equatable {
    public enum Status: String, Sendable, Equatable {
        case right, wrong, missing, unreadable
    }
    public var exerciseID: String
    public var status: Status
    /// What the student wrote, when anything.
    public var given: String?
    /// The checker's sentence (or "no answer").
    public var message: String
    /// The computed answer, as a learner would type it (nil when the scene cannot compute it).
    public var expected: String?
    /// The computed answer as a value, for reports in another language.
    public var expectedValue: ExerciseValue? = nil
}

extension GradedExercise.Status {
    /// The status word of a text report: `right`, in Russian `верно`.
    public func text(_ language: Language) -> String {
        switch self {
        case .right: return EngineText.gradeRight.text(language)
        case .wrong: return EngineText.gradeWrong.text(language)
        case .missing: return EngineText.gradeMissing.text(language)
        case .unreadable: return EngineText.gradeUnreadable.text(language)
        }
    }
}

/// Who and what a grading report is about: the lesson, the student and the variant seed.
public struct GradeHeader: Sendable, Equatable {
    public var lessonID: String
    public var student: String?
    public var seed: UInt64?
    /// Whether messages may narrow an answer down (`attn check --feedback`).
    public var feedback: ExerciseFeedback

    public init(lessonID: String, student: String? = nil, seed: UInt64? = nil, feedback: ExerciseFeedback = .full) {
        self.lessonID = lessonID
        self.student = student
        self.seed = seed
        self.feedback = feedback
    }
}

/// Reads an answers file: a mapping from exercise id to a value (a number, text, yes/no, or a
/// list of numbers for vectors). JSON is read as YAML, which it is a subset of. Problems come
/// back as `file:line` diagnostics.
///
/// With `knownIDs` (the lesson's exercise ids), an answer to an exercise that does not exist is
/// an error with a "did you mean" suggestion, never graded silently as missing.
public func parseAnswers(source: String, file: String, knownIDs: [String]? = nil) -> (answers: [String: String], diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    guard source.utf8.count <= SourceText.maximumBytes else {
        sink.error(SourceLocation(line: 1), ExerciseProblem.answersTooLarge(limit: SourceText.maximumBytes))
        return ([:], sink.diagnostics)
    }
    guard let root = YAMLBlock.load(source, firstLine: 1, sink: sink) else {
        if sink.isEmpty { sink.error(SourceLocation(line: 1), ExerciseProblem.answersEmpty) }
        return ([:], sink.diagnostics)
    }
    let reader = NodeReader(sink: sink, firstLine: 1)
    var answers: [String: String] = [:]
    for (key, keyNode, value) in reader.mapping(root, .answersFile) ?? [] {
        if let known = knownIDs, !known.contains(key) {
            reader.error(keyNode, ExerciseProblem.noSuchExercise(key, suggestion: closestName(to: key, in: known)))
            continue
        }
        switch value {
        case .sequence:
            if let items = reader.strings(value, .answerTo(key)) { answers[key] = items.joined(separator: ", ") }
        default:
            if let text = reader.string(value, .answerTo(key)) { answers[key] = text }
        }
    }
    return (answers, sink.diagnostics)
}

/// Checks every exercise of `lesson` (re-seeded with `seed` when given) against `answers`.
///
/// Answers to ids the lesson does not have are reported as diagnostics-free extras by the
/// caller if it wishes; here only the lesson's exercises are graded, in lesson order.
/// `language` is that of the grader's own sentences (no answer, a scene that cannot be computed);
/// `expected` is always written in English notation, for scripts.
public func gradeLesson(_ lesson: Lesson, answers: [String: String], seed: UInt64? = nil, feedback: ExerciseFeedback? = nil, language: Language = .en) -> [GradedExercise] {
    let lesson = lessonVariant(lesson, seed: seed)
    var out: [GradedExercise] = []
    for (stepIndex, exercises) in lessonExercises(lesson).steps {
        let scene = lesson.steps[stepIndex].scene
        for exercise in exercises {
            let expected = scene.flatMap { s in (try? ExerciseContext(scene: s)).flatMap { try? $0.answer(exercise) } }
            guard let given = answers[exercise.id] else {
                out.append(GradedExercise(exerciseID: exercise.id, status: .missing, given: nil, message: EngineText.gradeNoAnswer.text(language),
                                          expected: expected?.description, expectedValue: expected))
                continue
            }
            guard let expected else {
                out.append(GradedExercise(exerciseID: exercise.id, status: .unreadable, given: given, message: EngineText.gradeSceneCannotBeComputed.text(language), expected: nil))
                continue
            }
            let check = checkAnswer(exercise, expected: expected, given: given, feedback: feedback)
            let status: GradedExercise.Status = check.verdict == .right ? .right : check.verdict == .wrong ? .wrong : .unreadable
            out.append(GradedExercise(exerciseID: exercise.id, status: status, given: given, message: check.message,
                                      expected: expected.description, expectedValue: expected))
        }
    }
    return out
}

/// The ids of every exercise in a lesson, in order.
public func exerciseIDs(_ lesson: Lesson) -> [String] {
    lessonExercises(lesson).steps.flatMap { $0.exercises.map(\.id) }
}

/// One line per exercise and a summary line, for a terminal.
///
/// The header names the student and seed; expected answers are listed unless feedback is `none`.
/// In `language`'s words and numbers (the checker's own sentences are as `checkAnswer` wrote them).
public func gradeReportText(_ results: [GradedExercise], header: GradeHeader, language: Language = .en) -> String {
    func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
    var lines: [String] = []
    let seed = header.seed.map(String.init) ?? "-"
    if let who = header.student.map({ t(.gradeStudent, ["student": $0]) }) ?? header.seed.map({ t(.gradeSeed, ["seed": "\($0)"]) }) {
        lines.append("\(header.lessonID) · \(who)\(header.student != nil ? " (" + t(.gradeSeed, ["seed": seed]) + ")" : "")")
    }
    let width = max(10, GradedExercise.Status.allWords(language).map(\.count).max()!)
    for r in results {
        var line = "\(r.status.text(language).padding(toLength: width, withPad: " ", startingAt: 0)) \(header.lessonID)/\(r.exerciseID): \(r.message)"
        if header.feedback == .full, r.status != .right, let e = r.expectedValue.map({ $0.text(language) }) ?? r.expected {
            line += " " + t(.gradeExpected, ["expected": e])
        }
        lines.append(line)
    }
    let right = results.filter { $0.status == .right }.count
    lines.append(t(.gradeSummary, ["right": "\(right)", "total": "\(results.count)"]))
    return lines.joined(separator: "\n")
}

extension GradedExercise.Status {
    static func allWords(_ language: Language) -> [String] {
        [Self.right, .wrong, .missing, .unreadable].map { $0.text(language) }
    }
}

/// `{"lesson", "student", "seed", "right", "total", "exercises": [{"id", "status", "given", "expected", "message"}]}`.
///
/// For the instructor's scripts: the expected answer is always there.
public func gradeReportJSON(_ results: [GradedExercise], header: GradeHeader) -> String {
    struct Item: Encodable { var id: String; var status: String; var given: String?; var expected: String?; var message: String }
    struct Report: Encodable {
        var lesson: String; var student: String?; var seed: UInt64?; var right: Int; var total: Int; var exercises: [Item]
        enum CodingKeys: String, CodingKey { case lesson, student, seed, right, total, exercises }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(lesson, forKey: .lesson)
            try c.encode(student, forKey: .student)   // null when graded as written
            try c.encode(seed, forKey: .seed)
            try c.encode(right, forKey: .right)
            try c.encode(total, forKey: .total)
            try c.encode(exercises, forKey: .exercises)
        }
    }
    let report = Report(
        lesson: header.lessonID, student: header.student, seed: header.seed,
        right: results.filter { $0.status == .right }.count, total: results.count,
        exercises: results.map { Item(id: $0.exerciseID, status: $0.status.rawValue, given: $0.given, expected: $0.expected, message: $0.message) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return (try? encoder.encode(report)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
}

/// JUnit XML: one test case per exercise, a failure for each answer that is not right.
public func gradeReportJUnit(_ results: [GradedExercise], header: GradeHeader) -> String {
    func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    let name = header.lessonID + (header.student.map { " (\($0))" } ?? "")
    let failures = results.filter { $0.status != .right }.count
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"\(esc(name))\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
    for r in results {
        xml += "  <testcase classname=\"\(esc(header.lessonID))\" name=\"\(esc(r.exerciseID))\""
        if r.status == .right {
            xml += "/>\n"
        } else {
            xml += ">\n    <failure type=\"\(r.status.rawValue)\" message=\"\(esc(r.message))\"/>\n  </testcase>\n"
        }
    }
    return xml + "</testsuite>\n"
}
