import Foundation
import LessonEngine
import XCTest

/// `attn check` and `attn progress`, run as an instructor and a learner would.
final class ExerciseCommandTests: XCTestCase {
    private let lessonsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")

    /// Answers computed by the engine from the lesson's own scenes (the seed's variant when given),
    /// written as a student would: numbers, token text, yes/no, lists.
    private func computedAnswers(_ id: String, seed: UInt64? = nil) throws -> [String: String] {
        let url = try XCTUnwrap(lessonFiles(in: lessonsDirectory).first { loadLesson(at: $0).lesson?.id == id })
        let lesson = lessonVariant(try XCTUnwrap(loadLesson(at: url).lesson), seed: seed)
        var out: [String: String] = [:]
        for (stepIndex, exercises) in lessonExercises(lesson).steps {
            let scene = try XCTUnwrap(lesson.steps[stepIndex].scene)
            let context = try ExerciseContext(scene: scene)
            for e in exercises {
                out[e.id] = answerText(try context.answer(e))
            }
        }
        XCTAssertGreaterThanOrEqual(out.count, 3, "\(id) has at least three exercises")
        return out
    }

    private func answerText(_ value: ExerciseValue) -> String {
        switch value {
        case .array(let shape, let values):
            let numbers: [String] = values.map { "\($0)" }
            return shape.isEmpty ? numbers[0] : "[" + numbers.joined(separator: ", ") + "]"
        case .bool(let b):
            return b ? "yes" : "no"
        case .token(_, let text):
            return "\"\(text)\""
        }
    }

    private func writeAnswers(_ answers: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString.prefix(8)).yaml")
        try answers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func testRightAnswersPassAndAWrongOrMissingOneFails() throws {
        let answers = try computedAnswers("soft-read")
        let file = try writeAnswers(answers)
        let ok = try runAttn(["check", "soft-read", "--answers", file.path, "--lessons", lessonsDirectory.path])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertTrue(ok.stdout.contains("\(answers.count)"), ok.stdout)

        var broken = answers
        let (dropped, _) = try XCTUnwrap(broken.first)
        broken.removeValue(forKey: dropped)
        let partial = try writeAnswers(broken)
        let r = try runAttn(["check", "soft-read", "--answers", partial.path, "--format", "json", "--lessons", lessonsDirectory.path])
        XCTAssertNotEqual(r.status, 0, "a missing answer fails")
        XCTAssertTrue(r.stdout.contains("missing"), r.stdout)
        let junit = try runAttn(["check", "soft-read", "--answers", partial.path, "--format", "junit", "--lessons", lessonsDirectory.path])
        XCTAssertTrue(junit.stdout.contains("<testsuite") && junit.stdout.contains("<failure"), junit.stdout)
    }

    func testStudentVariantsHaveTheirOwnNumbers() throws {
        let alice = try computedAnswers("scaled-dot-product", seed: studentSeed("alice"))
        let file = try writeAnswers(alice)
        let asAlice = try runAttn(["check", "scaled-dot-product", "--answers", file.path, "--student", "alice", "--lessons", lessonsDirectory.path])
        XCTAssertEqual(asAlice.status, 0, asAlice.stdout + asAlice.stderr)
        let asBob = try runAttn(["check", "scaled-dot-product", "--answers", file.path, "--student", "bob", "--lessons", lessonsDirectory.path])
        XCTAssertNotEqual(asBob.status, 0, "alice's numbers are not bob's:\n\(asBob.stdout)")
    }

    func testMalformedAnswersFileGetsFileAndLine() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString.prefix(8)).yaml")
        try "first: 1\nsecond: [1, 2\n".write(to: url, atomically: true, encoding: .utf8)
        let r = try runAttn(["check", "soft-read", "--answers", url.path, "--lessons", lessonsDirectory.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains(url.path + ":"), r.stderr)
    }

    func testProgressShowsLessonsAndResetNeedsConfirmation() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("attn-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        setenv("XDG_STATE_HOME", state.path, 1)
        defer { unsetenv("XDG_STATE_HOME") }
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        _ = try store.update(lesson: "soft-read", exercise: "x") { $0.solved = true }
        let shown = try runAttn(["progress", "--lessons", lessonsDirectory.path])
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.contains("soft-read") && shown.stdout.contains("1/"), shown.stdout)
        let refused = try runAttn(["progress", "--reset"], stdin: "no\n")
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertEqual(try store.load().data.lessons["soft-read"]?["x"]?.solved, true, "nothing cleared without confirmation")
        let cleared = try runAttn(["progress", "--reset", "--yes"])
        XCTAssertEqual(cleared.status, 0, cleared.stderr)
        XCTAssertNil(try store.load().data.lessons["soft-read"]?["x"])
    }
}
