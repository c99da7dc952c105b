import XCTest
@testable import LessonEngine

/// Grading an answers file against a lesson: statuses, reports and file:line errors.
final class ExerciseGradingTests: XCTestCase {
    private func lesson() throws -> Lesson {
        try XCTUnwrap(loadLesson(at: TestPaths.lessons.appendingPathComponent("04-scaled-dot-product.md")).lesson)
    }

    func testGradesRightWrongAndMissing() throws {
        let lesson = try lesson()
        let (answers, diagnostics) = parseAnswers(source: "row-sums: yes\ncolumn-sums: yes\noutput-row: [1, 2, 3]\n", file: "a.yaml")
        XCTAssertEqual(diagnostics, [])
        let results = gradeLesson(lesson, answers: answers)
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.exerciseID, $0.status) })
        XCTAssertEqual(byID["row-sums"], .right)
        XCTAssertEqual(byID["column-sums"], .wrong)
        XCTAssertEqual(byID["output-row"], .wrong)
        XCTAssertEqual(byID["weight-cell"], .missing)
        XCTAssertTrue(gradeReportText(results, header: GradeHeader(lessonID: lesson.id)).hasSuffix("1/\(results.count) right"))
        XCTAssertTrue(gradeReportJSON(results, header: GradeHeader(lessonID: lesson.id)).contains("\"status\" : \"missing\""))
        XCTAssertTrue(gradeReportJUnit(results, header: GradeHeader(lessonID: lesson.id)).contains("<failure type=\"wrong\""))
    }

    func testSeededAnswersDifferFromTheOriginal() throws {
        let lesson = try lesson()
        let variant = lessonVariant(lesson, seed: 42)
        let (steps, _) = lessonExercises(variant)
        let step = try XCTUnwrap(steps.first { $0.exercises.contains { $0.id == "weight-cell" } })
        let exercise = try XCTUnwrap(step.exercises.first { $0.id == "weight-cell" })
        let answer = try ExerciseContext(scene: XCTUnwrap(variant.steps[step.stepIndex].scene)).answer(exercise)
        let answers = ["weight-cell": answer.description]
        XCTAssertEqual(gradeLesson(lesson, answers: answers, seed: 42).first { $0.exerciseID == "weight-cell" }?.status, .right)
        XCTAssertEqual(gradeLesson(lesson, answers: answers).first { $0.exerciseID == "weight-cell" }?.status, .wrong)
    }

    func testMalformedAnswersFileGivesFileLine() {
        let (_, d) = parseAnswers(source: "a: 1\nb: [1, 2\n", file: "answers.yaml")
        XCTAssertEqual(d.first?.file, "answers.yaml")
        XCTAssertGreaterThanOrEqual(d.first?.line ?? 0, 2, "\(d)")
        let (_, d2) = parseAnswers(source: "a: 1\nb: {c: 2}\n", file: "answers.json")
        XCTAssertEqual(d2.map(\.line), [2])
        let (answers, d3) = parseAnswers(source: "{\"a\": 0.5, \"b\": \"cat\"}", file: "answers.json")
        XCTAssertEqual(d3, [])
        XCTAssertEqual(answers, ["a": "0.5", "b": "cat"])
    }
}
