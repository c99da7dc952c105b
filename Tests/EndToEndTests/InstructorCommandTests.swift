import Foundation
import LessonEngine
import XCTest

/// What an instructor meets on the command line: handouts and keys, per-student copies, grading
/// reports and exit codes, and `attn eval --set` with one behaviour on every path.
final class InstructorCommandTests: XCTestCase {
    private let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")

    private func lesson(_ id: String) throws -> Lesson {
        let url = try XCTUnwrap(lessonFiles(in: lessons).first { loadLesson(at: $0).lesson?.id == id })
        return try XCTUnwrap(loadLesson(at: url).lesson)
    }

    private func attn(_ args: [String]) throws -> CommandResult {
        try runAttn(args + ["--lessons", lessons.path])
    }

    private func write(_ text: String, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString.prefix(8))-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    // MARK: print

    func testPrintShowsTheIntroductionAndNumberedExercisesWithRoomForAnswers() throws {
        let l = try lesson("scaled-dot-product")
        let r = try attn(["print", l.id, "--color", "never"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let introLine = try XCTUnwrap(l.introduction.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        let firstWords = introLine.split(separator: " ").prefix(4).joined(separator: " ")
        XCTAssertTrue(r.stdout.contains(firstWords), "the introduction '\(firstWords)…' is printed")
        XCTAssertLessThan(try XCTUnwrap(r.stdout.range(of: firstWords)).lowerBound, try XCTUnwrap(r.stdout.range(of: "step 1/")).lowerBound)
        let ids = exerciseIDs(l)
        for (n, id) in ids.enumerated() {
            XCTAssertTrue(r.stdout.contains("\(n + 1). \(id)"), "exercise \(n + 1) (\(id)) is numbered")
        }
        XCTAssertEqual(r.stdout.components(separatedBy: "   answer (").count - 1, ids.count, "one answer line per exercise")
        // A handout never prints an answer.
        XCTAssertFalse(r.stdout.contains("Answer:"))
    }

    func testTheKeyGivesEachStudentsOwnAnswersAndWorkings() throws {
        let l = try lesson("scaled-dot-product")
        let r = try attn(["print", l.id, "--key", "--student", "Alice", "--color", "never"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Student: Alice · answer key"), String(r.stdout.prefix(80)))
        let alice = lessonVariant(l, seed: studentSeed("Alice"))
        for (stepIndex, exercises) in lessonExercises(alice).steps {
            let context = try ExerciseContext(scene: XCTUnwrap(alice.steps[stepIndex].scene))
            for e in exercises {
                let answer = try context.answer(e).description
                XCTAssertTrue(r.stdout.contains("Answer: \(answer)"), "\(e.id): Alice's answer \(answer) is in her key")
            }
        }
        // The weight exercise is worked out: scores, exps, sum and division.
        XCTAssertTrue(r.stdout.contains("exp of each:") && r.stdout.contains("sum = "), "a softmax weight is worked out")
        // Bob's key differs from Alice's where the numbers are seeded.
        let bob = try attn(["print", l.id, "--key", "--student", "Bob", "--color", "never"])
        XCTAssertNotEqual(bob.stdout.replacingOccurrences(of: "Bob", with: "Alice"), r.stdout)
    }

    // MARK: check

    func testCheckReportNamesStudentSeedGivenAndExpected() throws {
        let file = try write("weight-cell: 0.5\n", "answers.yaml")
        let r = try attn(["check", "scaled-dot-product", "--answers", file.path, "--student", "Alice", "--format", "json"])
        XCTAssertEqual(r.status, 1, "a wrong or missing answer exits 1: \(r.stderr)")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["student"] as? String, "Alice")
        XCTAssertEqual((json["seed"] as? NSNumber)?.uint64Value, studentSeed("Alice"))
        let items = try XCTUnwrap(json["exercises"] as? [[String: Any]])
        let cell = try XCTUnwrap(items.first { $0["id"] as? String == "weight-cell" })
        XCTAssertEqual(cell["given"] as? String, "0.5")
        let alice = lessonVariant(try lesson("scaled-dot-product"), seed: studentSeed("Alice"))
        let (stepIndex, exercises) = try XCTUnwrap(lessonExercises(alice).steps.first { $0.exercises.contains { $0.id == "weight-cell" } })
        let expected = try ExerciseContext(scene: XCTUnwrap(alice.steps[stepIndex].scene)).answer(XCTUnwrap(exercises.first { $0.id == "weight-cell" }))
        XCTAssertEqual(cell["expected"] as? String, expected.description)
    }

    func testCheckExitCodesAndUnknownExercises() throws {
        let typo = try write("weight-cel: 0.5\n", "answers.yaml")
        let r = try attn(["check", "scaled-dot-product", "--answers", typo.path])
        XCTAssertEqual(r.status, 2, "an answers file naming no exercise cannot be graded")
        XCTAssertTrue(r.stderr.contains("\(typo.path):1:1: error: no exercise 'weight-cel' in this lesson (did you mean 'weight-cell'?)"), r.stderr)
        let missing = try attn(["check", "scaled-dot-product", "--answers", "/nonexistent/answers.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/answers.yaml"), missing.stderr)
        let noLesson = try attn(["check", "no-such-lesson", "--answers", typo.path])
        XCTAssertEqual(noLesson.status, 2)
    }

    func testFeedbackNoneKeepsTheAnswerOutOfTheTextReport() throws {
        let file = try write("weight-cell: 0.9\n", "answers.yaml")
        let full = try attn(["check", "scaled-dot-product", "--answers", file.path])
        XCTAssertTrue(full.stdout.contains("weight-cell: wrong: too high"), full.stdout)
        let none = try attn(["check", "scaled-dot-product", "--answers", file.path, "--feedback", "none"])
        let line = try XCTUnwrap(none.stdout.split(separator: "\n").first { $0.contains("/weight-cell:") })
        XCTAssertEqual(line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }, "wrong")
    }

    // MARK: eval --set

    func testSetTakesChoicesByNameAndRefusesUnknownNamesOnEveryPath() throws {
        let file = lessons.appendingPathComponent("06-masked.md").path
        for target in ["masked", file] {
            for step in [[], ["--step", "1"]] {
                let r = try attn(["eval", target] + step + ["--set", "nonsense=3"])
                XCTAssertNotEqual(r.status, 0, "\(target) \(step): an unknown name is an error")
                XCTAssertTrue(r.stderr.contains("unknown parameter 'nonsense'"), r.stderr)
            }
            // A name some steps have applies to those and is ignored by the others.
            let whole = try attn(["eval", target, "--set", "window=2"])
            XCTAssertEqual(whole.status, 0, whole.stderr)
        }
        let misspelt = try attn(["eval", "masked", "--set", "widow=2"])
        XCTAssertTrue(misspelt.stderr.contains("did you mean 'window'"), misspelt.stderr)
        let sliding = try attn(["eval", "masked", "--step", "1", "--set", "mask=sliding", "--set", "window=2"])
        XCTAssertEqual(sliding.status, 0, sliding.stderr)
        let none = try attn(["eval", "masked", "--step", "1", "--set", "mask=none"])
        XCTAssertFalse(none.stdout.contains("\"-inf\""), "mask=none leaves nothing masked")
        XCTAssertTrue(sliding.stdout.contains("\"-inf\""))
        let bad = try attn(["eval", "masked", "--step", "1", "--set", "mask=slidng"])
        XCTAssertTrue(bad.stderr.contains("did you mean 'sliding'"), bad.stderr)
        let fraction = try attn(["eval", "masked", "--step", "1", "--set", "query=1.5"])
        XCTAssertNotEqual(fraction.status, 0)
        XCTAssertTrue(fraction.stderr.contains("query takes whole numbers, got 1.5"), fraction.stderr)
    }

    func testCrossAttentionPrintsItsProjections() throws {
        let r = try attn(["eval", "cross-attention", "--step", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let steps = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let names = (steps.first?["tensors"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for w in ["W_Q", "W_K", "W_V"] { XCTAssertTrue(names.contains(w), "\(w) in \(names)") }
    }

    func testEvalAndPrintTakeTheSameVariant() throws {
        let eval = try attn(["eval", "scaled-dot-product", "--step", "2", "--seed", "7"])
        let plain = try attn(["eval", "scaled-dot-product", "--step", "2"])
        XCTAssertEqual(eval.status, 0, eval.stderr)
        XCTAssertNotEqual(eval.stdout, plain.stdout, "--seed changes the seeded numbers")
        let variant = lessonVariant(try lesson("scaled-dot-product"), seed: 7)
        let expected = evalJSON(lesson: variant, steps: [1]).json
        XCTAssertEqual(eval.stdout.trimmingCharacters(in: .whitespacesAndNewlines), expected?.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
