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
}

/// Reads an answers file: a mapping from exercise id to a value (a number, text, yes/no, or a
/// list of numbers for vectors). JSON is read as YAML, which it is a subset of. Problems come
/// back as `file:line` diagnostics.
public func parseAnswers(source: String, file: String) -> (answers: [String: String], diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    guard source.utf8.count <= SourceText.maximumBytes else {
        sink.error(SourceLocation(line: 1), "the answers file is over \(SourceText.maximumBytes) bytes")
        return ([:], sink.diagnostics)
    }
    guard let root = YAMLBlock.load(source, firstLine: 1, sink: sink) else {
        if sink.isEmpty { sink.error(SourceLocation(line: 1), "the answers file is empty: write 'exercise-id: answer' lines") }
        return ([:], sink.diagnostics)
    }
    let reader = NodeReader(sink: sink, firstLine: 1)
    var answers: [String: String] = [:]
    for (key, _, value) in reader.mapping(root, "the answers file") ?? [] {
        switch value {
        case .sequence:
            if let items = reader.strings(value, "the answer to '\(key)'") { answers[key] = items.joined(separator: ", ") }
        default:
            if let text = reader.string(value, "the answer to '\(key)'") { answers[key] = text }
        }
    }
    return (answers, sink.diagnostics)
}

/// Checks every exercise of `lesson` (re-seeded with `seed` when given) against `answers`.
///
/// Answers to ids the lesson does not have are reported as diagnostics-free extras by the
/// caller if it wishes; here only the lesson's exercises are graded, in lesson order.
public func gradeLesson(_ lesson: Lesson, answers: [String: String], seed: UInt64? = nil) -> [GradedExercise] {
    let lesson = lessonVariant(lesson, seed: seed)
    var out: [GradedExercise] = []
    for (stepIndex, exercises) in lessonExercises(lesson).steps {
        let context = lesson.steps[stepIndex].scene.flatMap { try? ExerciseContext(scene: $0) }
        for exercise in exercises {
            guard let given = answers[exercise.id] else {
                out.append(GradedExercise(exerciseID: exercise.id, status: .missing, given: nil, message: "no answer"))
                continue
            }
            guard let context else {
                out.append(GradedExercise(exerciseID: exercise.id, status: .unreadable, given: given, message: "the scene cannot be computed"))
                continue
            }
            let check = checkAnswer(exercise, in: context, given: given)
            let status: GradedExercise.Status = check.verdict == .right ? .right : check.verdict == .wrong ? .wrong : .unreadable
            out.append(GradedExercise(exerciseID: exercise.id, status: status, given: given, message: check.message))
        }
    }
    return out
}

/// One line per exercise and a summary line, for a terminal.
public func gradeReportText(_ results: [GradedExercise], lessonID: String) -> String {
    var lines = results.map { "\($0.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(lessonID)/\($0.exerciseID): \($0.message)" }
    let right = results.filter { $0.status == .right }.count
    lines.append("\(right)/\(results.count) right")
    return lines.joined(separator: "\n")
}

/// `{"lesson", "right", "total", "exercises": [{"id", "status", "given", "message"}]}`.
public func gradeReportJSON(_ results: [GradedExercise], lessonID: String) -> String {
    struct Item: Encodable { var id: String; var status: String; var given: String?; var message: String }
    struct Report: Encodable { var lesson: String; var right: Int; var total: Int; var exercises: [Item] }
    let report = Report(
        lesson: lessonID, right: results.filter { $0.status == .right }.count, total: results.count,
        exercises: results.map { Item(id: $0.exerciseID, status: $0.status.rawValue, given: $0.given, message: $0.message) })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return (try? encoder.encode(report)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
}

/// JUnit XML: one test case per exercise, a failure for each answer that is not right.
public func gradeReportJUnit(_ results: [GradedExercise], lessonID: String) -> String {
    func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
    let failures = results.filter { $0.status != .right }.count
    var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"\(esc(lessonID))\" tests=\"\(results.count)\" failures=\"\(failures)\">\n"
    for r in results {
        xml += "  <testcase classname=\"\(esc(lessonID))\" name=\"\(esc(r.exerciseID))\""
        if r.status == .right {
            xml += "/>\n"
        } else {
            xml += ">\n    <failure type=\"\(r.status.rawValue)\" message=\"\(esc(r.message))\"/>\n  </testcase>\n"
        }
    }
    return xml + "</testsuite>\n"
}
