import XCTest
@testable import LessonEngine

/// A worked solution the engine writes by itself ends in the answer it is printed above: for
/// every number exercise of every lesson, the working's last number is the answer at four
/// decimals. (A soft read's weights are scores over their sum, not a softmax; a working that
/// took them for a softmax printed 0.5388 above "Answer: 0.9".)
final class WorkedSolutionTruthTests: XCTestCase {
    func testEveryGenericWorkingEndsInTheAnswer() throws {
        var checked = 0
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson)
            for (stepIndex, exercises) in lessonExercises(lesson).steps {
                guard let scene = lesson.steps[stepIndex].scene else { continue }
                let base = try ExerciseContext(scene: scene)
                for exercise in exercises where exercise.kind == .number {
                    let context = try base.resolved(for: exercise)
                    guard let steps = workedSolutionKind(exercise.expression, in: context),
                          [.softmaxWeight, .dotProduct, .scaledScore].contains(steps.kind) else { continue }
                    let answer = try XCTUnwrap(context.answer(exercise).number)
                    let last = try XCTUnwrap(steps.working.split(whereSeparator: { $0 == " " || $0 == "\n" }).last.map(String.init))
                    XCTAssertEqual(last, NumberFormat.english.short(answer), "\(lesson.id)/\(exercise.id): the working ends in \(last), the answer is \(answer)\n\(steps.working)")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 5, "the lessons have softmax and dot-product exercises to check")
    }
}
