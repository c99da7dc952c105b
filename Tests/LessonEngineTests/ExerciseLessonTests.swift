import XCTest
@testable import LessonEngine

/// Every exercise in `Lessons/`: its computed answer passes, and a plausible wrong answer
/// (the transposed cell when it differs, else a nearby number, another token, the opposite
/// yes/no) fails.
final class ExerciseLessonTests: XCTestCase {
    func testEveryLessonHasThreeExercisesThatCheck() throws {
        var total = 0
        for url in lessonFiles(in: TestPaths.lessons) {
            let loaded = loadLesson(at: url)
            XCTAssertEqual(loaded.diagnostics, [], url.lastPathComponent)
            let lesson = try XCTUnwrap(loaded.lesson)
            if lacksModels(lesson) { continue }
            let (steps, diagnostics) = lessonExercises(lesson)
            XCTAssertEqual(diagnostics, [], url.lastPathComponent)
            XCTAssertEqual(exerciseDiagnostics(lesson), [], url.lastPathComponent)
            let count = steps.reduce(0) { $0 + $1.exercises.count }
            XCTAssertGreaterThanOrEqual(count, 3, "\(url.lastPathComponent) needs at least three exercises")
            for (stepIndex, exercises) in steps {
                let context = try ExerciseContext(scene: XCTUnwrap(lesson.steps[stepIndex].scene))
                for exercise in exercises {
                    total += 1
                    let what = "\(lesson.id)/\(exercise.id)"
                    let answer = try context.answer(exercise)
                    XCTAssertTrue(checkAnswer(exercise, in: context, given: typed(answer)).isCorrect, "\(what): its own answer \(answer) fails")
                    let wrong = wrongAnswer(exercise, answer, try context.resolved(for: exercise))
                    let check = checkAnswer(exercise, in: context, given: wrong)
                    XCTAssertEqual(check.verdict, ExerciseCheck.Verdict.wrong, "\(what): the wrong answer \(wrong) passes (\(check.message))")
                    XCTAssertFalse(workedSolution(exercise, in: context).contains(": the scene computes no"), what)
                }
            }
        }
        XCTAssertGreaterThanOrEqual(total, 24)
    }

    /// The same lessons re-seeded: answers still compute and check.
    func testExercisesSurviveVariants() throws {
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson)
            if lacksModels(lesson) { continue }
            let variant = lessonVariant(lesson, seed: studentSeed("Ada Lovelace"))
            for (stepIndex, exercises) in lessonExercises(variant).steps {
                let context = try ExerciseContext(scene: XCTUnwrap(variant.steps[stepIndex].scene))
                for exercise in exercises {
                    let answer = try context.answer(exercise)
                    XCTAssertTrue(checkAnswer(exercise, in: context, given: typed(answer)).isCorrect, exercise.id)
                }
            }
        }
    }

    /// How a learner would type a value.
    private func typed(_ v: ExerciseValue) -> String {
        switch v {
        case .array(_, let values): return values.map { String($0) }.joined(separator: ", ")
        case .bool(let b): return b ? "yes" : "no"
        case .token(_, let text): return "  \(text.uppercased()) "
        }
    }

    private func wrongAnswer(_ exercise: Exercise, _ answer: ExerciseValue, _ context: ExerciseContext) -> String {
        switch answer {
        case .bool(let b): return b ? "no" : "yes"
        case .token(let i, let text):
            let list = exercise.answer.contains("keyToken") ? context.scene.effectiveKeyTokens : context.scene.tokens
            return list.first { $0.lowercased() != text.lowercased() } ?? "\(i + 1)"
        case .array(let shape, var values):
            if shape.isEmpty, case .index(let base, let idx) = exercise.expression, idx.count == 2,
               let t = try? context.value(of: .index(base, [idx[1], idx[0]])).number, abs(t - values[0]) > exercise.accepted(around: values[0]) {
                return String(t)   // the transposed cell
            }
            values[0] += max(0.5, exercise.accepted(around: values[0]) * 10)
            return values.map { String($0) }.joined(separator: ", ")
        }
    }
}
