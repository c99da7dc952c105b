import Foundation
import XCTest
@testable import LessonEngine

/// Fair grading over 100 student variants of every lesson: the computed answer of every number
/// exercise is accepted, and no plausible wrong answer is (the transposed cell, the weight
/// without the √d_k scaling, the neighbouring query's weight, 0, a count off by one).
final class FairGradingTests: XCTestCase {
    func testNoPlausibleWrongAnswerIsAcceptedForAnyOf100Seeds() throws {
        var checked = 0, wrongsTried = 0
        var accepted: [String] = []
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson, url.lastPathComponent)
            if lacksModels(lesson) { continue }
            for seed in 0..<100 {
                let variant = lessonVariant(lesson, seed: UInt64(seed) &* 7919 &+ 1)
                for (stepIndex, exercises) in lessonExercises(variant).steps {
                    let scene = try XCTUnwrap(variant.steps[stepIndex].scene)
                    let base = try ExerciseContext(scene: scene)
                    for exercise in exercises where exercise.kind == .number {
                        let context = try base.resolved(for: exercise)
                        let answer = try XCTUnwrap(context.answer(exercise).number)
                        let what = "\(lesson.id)/\(exercise.id) seed \(seed)"
                        XCTAssertTrue(checkAnswer(exercise, expected: .number(answer), given: String(answer)).isCorrect, "\(what): its own answer \(answer)")
                        checked += 1
                        for (name, wrong) in plausibleWrongs(exercise, answer: answer, in: context)
                        where abs(wrong - answer) > 1e-9 * max(1, abs(answer)) {
                            wrongsTried += 1
                            if checkAnswer(exercise, expected: .number(answer), given: String(wrong)).isCorrect {
                                accepted.append("\(what): \(name) \(wrong) accepted for \(answer)")
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(accepted, [], "\(accepted.count) of \(wrongsTried) plausible wrong answers accepted")
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertGreaterThan(wrongsTried, 1000)
    }

    func testRelativeToleranceAndFloor() throws {
        let e = try exercise("- {id: a, question: q, kind: number, answer: \"weights[0,0] * 0 + 50\"}")
        XCTAssertTrue(checkAnswer(e, expected: .number(50), given: "50.9").isCorrect)      // 1.8 %
        XCTAssertFalse(checkAnswer(e, expected: .number(50), given: "51.1").isCorrect)     // 2.2 %
        XCTAssertTrue(checkAnswer(e, expected: .number(0.0004), given: "0").isCorrect)     // under the 0.001 floor
        XCTAssertFalse(checkAnswer(e, expected: .number(0.03), given: "0").isCorrect)
        let strict = try exercise("- {id: a, question: q, kind: number, answer: \"weights[0,0]\", relative: 0, tolerance: 0.1}")
        XCTAssertTrue(checkAnswer(strict, expected: .number(50), given: "50.09").isCorrect)
        XCTAssertFalse(checkAnswer(strict, expected: .number(50), given: "50.2").isCorrect)
    }

    func testWrongAnswersNeverShowTheAnswer() throws {
        let e = try exercise("- {id: a, question: q, kind: number, answer: \"weights[0,0]\"}")
        let far = checkAnswer(e, expected: .number(0.4137), given: "0.9")
        XCTAssertEqual(far.message, "wrong: too high")
        let close = checkAnswer(e, expected: .number(0.4137), given: "0.4")
        XCTAssertEqual(close.message, "wrong: too low, but close")
        for check in [far, close] { XCTAssertFalse(check.message.contains("0.41"), check.message) }
        let v = try exercise("- {id: v, question: q, kind: vector, answer: \"weights[0]\"}")
        let vector = checkAnswer(v, expected: .vector([0.25, 0.75]), given: "0.25, 0.5")
        XCTAssertEqual(vector.wrongEntries, [1])
        XCTAssertFalse(vector.message.contains("0.75"), vector.message)
    }

    func testFeedbackNoneSaysOnlyWrong() throws {
        let e = try exercise("- {id: a, question: q, kind: number, answer: \"weights[0,0]\", feedback: none}")
        XCTAssertEqual(checkAnswer(e, expected: .number(0.5), given: "0.9").message, "wrong")
        let full = try exercise("- {id: a, question: q, kind: number, answer: \"weights[0,0]\"}")
        XCTAssertEqual(checkAnswer(full, expected: .number(0.5), given: "0.9", feedback: ExerciseFeedback.none).message, "wrong")
        XCTAssertTrue(checkAnswer(full, expected: .number(0.5), given: "0.5", feedback: ExerciseFeedback.none).isCorrect)
    }

    func testNaNIsAWrongAnswerThatNamesTheConvention() throws {
        let e = try exercise("- {id: a, question: q, kind: number, answer: \"sum(weights[0])\"}")
        let check = checkAnswer(e, expected: .number(0), given: "NaN")
        XCTAssertEqual(check.verdict, .wrong)
        XCTAssertTrue(check.message.contains("convention"), check.message)
    }

    func testYesNoInEnglishAndRussian() throws {
        let e = try exercise("- {id: y, question: q, kind: yesno, answer: \"weights[0,0] > 0\"}")
        for yes in ["yes", "Y", "true", "да", "Да"] { XCTAssertTrue(checkAnswer(e, expected: .bool(true), given: yes).isCorrect, yes) }
        for no in ["no", "n", "FALSE", "нет"] { XCTAssertTrue(checkAnswer(e, expected: .bool(false), given: no).isCorrect, no) }
        XCTAssertEqual(checkAnswer(e, expected: .bool(true), given: "нет").verdict, .wrong)
        XCTAssertEqual(checkAnswer(e, expected: .bool(true), given: "maybe").verdict, .unreadable)
    }

    // MARK: - Helpers

    /// One exercise decoded from a YAML item, in a scene with a `weights` tensor.
    private func exercise(_ item: String) throws -> Exercise {
        let source = "---\ntitle: t\n---\n## s\n```scene\ntokens: [a, b]\ntensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 2], [3, 4]]\nop: attention\n```\n```exercises\n\(item)\n```\n"
        let (lesson, diagnostics) = parseLesson(source: source, file: "t.md")
        XCTAssertEqual(diagnostics, [])
        let (steps, d) = lessonExercises(lesson)
        XCTAssertEqual(d, [])
        return try XCTUnwrap(steps.first?.exercises.first)
    }

    /// The mistakes a student plausibly makes on a number exercise, each with a name.
    private func plausibleWrongs(_ exercise: Exercise, answer: Double, in context: ExerciseContext) -> [(String, Double)] {
        var out: [(String, Double)] = [("zero", 0)]
        if answer == answer.rounded(), abs(answer) < 1e6 { out += [("one more", answer + 1), ("one less", answer - 1)] }
        guard case .index(let base, let idx) = exercise.expression, idx.count == 2,
              let i = try? context.value(of: idx[0]).number, let j = try? context.value(of: idx[1]).number else { return out }
        func cell(_ b: ExerciseExpression, _ r: Double, _ c: Double) -> Double? {
            (try? context.value(of: .index(b, [.number(r), .number(c)])))?.number
        }
        if let t = cell(base, j, i) { out.append(("the transposed cell", t)) }
        for r in [i - 1, i + 1] { if let n = cell(base, r, j) { out.append(("the neighbouring query's cell", n)) } }
        // The weight without the 1/√d_k scaling: the softmax of the unscaled scores row.
        if case .name("weights") = base, context.computed["scaled"] != nil,
           let s = (try? context.value(of: .index(.name("scores"), [.number(i)])))?.vector,
           let masked = (try? context.value(of: .index(.name("masked"), [.number(i)])))?.vector, Int(j) < s.count {
            let t = context.computed.parameters["temperature"] ?? 1
            let z = zip(s, masked).map { $1 == -.infinity ? -Double.infinity : $0 / t }
            let m = z.max() ?? 0
            if m.isFinite {
                let e = z.map { $0 == -.infinity ? 0 : exp($0 - m) }
                out.append(("the unscaled weight", e[Int(j)] / e.reduce(0, +)))
            }
        }
        return out
    }
}
