import XCTest
@testable import LessonEngine

/// Checking typed answers: right/wrong per kind, how far off, which entries, unreadable input.
final class ExerciseCheckTests: XCTestCase {
    private let source = """
    ---
    title: t
    ---
    ## s
    ```scene
    tokens: [the, cat, sat]
    tensors:
      Q: [[1, 0], [0, 1], [1, 1]]
      K: [[1, 0], [0, 1], [1, 1]]
      V: [[1, 2], [3, 4], [5, 6]]
    op: attention
    mask: causal
    ```
    ```exercises
    - {id: w, question: q, kind: number, answer: "weights[2,1]"}
    - {id: z, question: q, kind: vector, answer: "output[2]", tolerance: 0.001}
    - {id: t, question: q, kind: token, answer: "keyToken(argmax(weights[2]))"}
    - {id: y, question: q, kind: yesno, answer: "weights[0,1] > 0 or not all(approx(rowsums(weights), 1))"}
    - {id: p, question: q, kind: number, answer: "$temperature * 2 + count(mask[2]) - len(row(weights, 0))", solution: "τ is {$temperature}, row 2 is {weights[2]}"}
    ```
    """

    private func setUp() throws -> (ExerciseContext, [String: Exercise]) {
        let (lesson, diagnostics) = parseLesson(source: source, file: "t.md")
        XCTAssertEqual(diagnostics, [])
        let (steps, d2) = lessonExercises(lesson)
        XCTAssertEqual(d2, [])
        let context = try ExerciseContext(scene: XCTUnwrap(lesson.steps[0].scene))
        return (context, Dictionary(uniqueKeysWithValues: steps[0].exercises.map { ($0.id, $0) }))
    }

    func testNumberSaysHowFarOff() throws {
        let (c, e) = try setUp()
        let w = try XCTUnwrap(c.answer(e["w"]!).number)
        XCTAssertTrue(checkAnswer(e["w"]!, in: c, given: " \(w * 1.015) ").isCorrect, "1.5 % off is within the default 2 %")
        XCTAssertFalse(checkAnswer(e["w"]!, in: c, given: " \(w * 1.03) ").isCorrect, "3 % off is not")
        let wrong = checkAnswer(e["w"]!, in: c, given: "\(w + 0.25)")
        XCTAssertEqual(wrong.verdict, .wrong)
        XCTAssertEqual(try XCTUnwrap(wrong.difference), 0.25, accuracy: 1e-9)
        XCTAssertTrue(wrong.message.contains("too high"), wrong.message)
        // The transposed cell is a masked weight (0 here): wrong.
        XCTAssertEqual(checkAnswer(e["w"]!, in: c, given: "\(try XCTUnwrap(c.value(of: .index(.name("weights"), [.number(1), .number(2)])).number))").verdict, .wrong)
    }

    func testVectorNamesTheEntriesOff() throws {
        let (c, e) = try setUp()
        let z = try XCTUnwrap(c.answer(e["z"]!).vector)
        XCTAssertTrue(checkAnswer(e["z"]!, in: c, given: "[\(z[0]), \(z[1])]").isCorrect)
        let wrong = checkAnswer(e["z"]!, in: c, given: "\(z[0]) \(z[1] + 1)")
        XCTAssertEqual(wrong.wrongEntries, [1])
        XCTAssertEqual(checkAnswer(e["z"]!, in: c, given: "1").verdict, .wrong)
    }

    func testTokenByTextOrIndex() throws {
        let (c, e) = try setUp()
        guard case .token(let i, let text) = try c.answer(e["t"]!) else { return XCTFail("not a token") }
        XCTAssertTrue(checkAnswer(e["t"]!, in: c, given: text.uppercased() + " ").isCorrect)
        XCTAssertTrue(checkAnswer(e["t"]!, in: c, given: "\(i)").isCorrect)
        XCTAssertEqual(checkAnswer(e["t"]!, in: c, given: "dog").verdict, .wrong)
    }

    func testYesNoSpellings() throws {
        let (c, e) = try setUp()
        XCTAssertEqual(try c.answer(e["y"]!), .bool(false))
        for no in ["no", "N", "false"] { XCTAssertTrue(checkAnswer(e["y"]!, in: c, given: no).isCorrect, no) }
        for yes in ["yes", "y", "TRUE"] { XCTAssertEqual(checkAnswer(e["y"]!, in: c, given: yes).verdict, .wrong, yes) }
    }

    func testRussianAnswersWithADecimalComma() throws {
        let (c, e) = try setUp()
        let w = try XCTUnwrap(c.answer(e["w"]!).number)
        let english = NumberFormat.english.fixed(w, decimals: 4)
        let russian = NumberFormat.russian.fixed(w, decimals: 4)
        XCTAssertTrue(russian.contains(","), russian)
        XCTAssertTrue(checkAnswer(e["w"]!, in: c, given: russian).isCorrect, russian)
        XCTAssertTrue(checkAnswer(e["w"]!, in: c, given: english).isCorrect, english)
        XCTAssertEqual(checkAnswer(e["w"]!, in: c, given: "0,5,5").verdict, .unreadable, "two commas are not a number")
        XCTAssertEqual(checkAnswer(e["w"]!, in: c, given: "0,5.5").verdict, .unreadable, "a comma and a point are not a number")
        for yes in ["да", "Д", "ДА"] { XCTAssertEqual(checkAnswer(e["y"]!, in: c, given: yes).verdict, .wrong, yes) }
        for no in ["нет", "Н"] { XCTAssertTrue(checkAnswer(e["y"]!, in: c, given: no).isCorrect, no) }
    }

    /// The vector rule of FORMAT.md §2.8: `;` separates when present (then `,` is decimal);
    /// else spaces separate when every comma sits inside a number; else commas and spaces do.
    func testVectorSeparatorRule() throws {
        XCTAssertEqual(parseAnswerVector("0,5; 0,25"), [0.5, 0.25])
        XCTAssertEqual(parseAnswerVector("[0,5; -1]"), [0.5, -1])
        XCTAssertEqual(parseAnswerVector("0.5; 0.25"), [0.5, 0.25])
        XCTAssertEqual(parseAnswerVector("0,5 0,25"), [0.5, 0.25])
        XCTAssertEqual(parseAnswerVector("0.5, 0.25"), [0.5, 0.25])
        XCTAssertEqual(parseAnswerVector("0.5,0.25"), [0.5, 0.25])
        XCTAssertEqual(parseAnswerVector("1,2,3"), [1, 2, 3])
        XCTAssertEqual(parseAnswerVector("[1 2 3]"), [1, 2, 3])
        XCTAssertEqual(parseAnswerVector("1, 2 3"), [1, 2, 3])
        XCTAssertNil(parseAnswerVector("0,5;"), "an empty entry")
        XCTAssertNil(parseAnswerVector("0,5,5 1"), "a number with two decimal commas")
    }

    func testFeedbackInRussian() throws {
        let (c, e) = try setUp()
        let z = try XCTUnwrap(c.answer(e["z"]!).vector)
        let right = checkAnswer(e["z"]!, in: c, given: NumberFormat.russian.vector(z))
        XCTAssertTrue(right.isCorrect)
        XCTAssertEqual(right.text(.ru), "верно: " + NumberFormat.russian.vector(z))
        XCTAssertEqual(right.message, "right: " + NumberFormat.english.vector(z))
        let off = checkAnswer(e["z"]!, in: c, given: NumberFormat.russian.vector([z[0], z[1] + 1]))
        XCTAssertEqual(off.text(.ru), "неверно: элемент 1 (считая с 0) неверен")
        XCTAssertEqual(off.message, "wrong: entry 1 (counting from 0) is off")
        let unreadable = checkAnswer(e["w"]!, in: c, given: "abc")
        XCTAssertEqual(unreadable.text(.ru), "«abc» — не число (пишите, например, 0,25, -1,5 или 1/3)")
        let count = checkAnswer(e["z"]!, in: c, given: "0,5 0,25 1")
        XCTAssertTrue(count.text(.ru).hasPrefix("неверно: в ответе должно быть элементов: 2, у вас: 3"), count.text(.ru))
        XCTAssertEqual(checkAnswer(e["y"]!, in: c, given: "нет").text(.ru), "верно: нет")
    }

    func testAnswerCatalogIsComplete() {
        XCTAssertEqual(CatalogCheck.problems(AnswerText.self), [])
    }

    func testUnreadableInputNeverCrashes() throws {
        let (c, e) = try setUp()
        for (id, input) in [("w", "abc"), ("w", ""), ("w", "1/0"), ("w", "nan"), ("z", "1, x"), ("y", "maybe"), ("w", String(repeating: "9", count: 5000))] {
            let check = checkAnswer(e[id]!, in: c, given: input)
            XCTAssertNotEqual(check.verdict, .right, input)
            XCTAssertFalse(check.message.isEmpty)
        }
        XCTAssertEqual(checkAnswer(e["w"]!, in: c, given: "abc").verdict, .unreadable)
    }

    func testParametersAndTemplates() throws {
        let (c, e) = try setUp()
        XCTAssertEqual(try c.answer(e["p"]!).number, 2 + 3 - 3)
        let solution = workedSolution(e["p"]!, in: c)
        XCTAssertTrue(solution.contains("τ is 1, row 2 is ["), solution)
        let softmax = workedSolution(e["w"]!, in: c)
        XCTAssertTrue(softmax.contains("exp of each"), softmax)
        XCTAssertTrue(softmax.contains("sum = "), softmax)
    }

    func testSetFixesParametersAsAControlWould() throws {
        let source = "---\ntitle: t\n---\n## s\n```scene\ntokens: [a, b]\ntensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]\nop: attention\nmask: causal\ncontrols:\n  - {param: mask, values: [causal, none]}\n```\n```exercises\n- {id: open, question: q, kind: yesno, set: {mask: none}, answer: \"weights[0,1] > 0\"}\n- {id: shut, question: q, kind: yesno, answer: \"weights[0,1] > 0\"}\n- {id: bad, question: q, kind: yesno, set: {mask: sometimes}, answer: \"weights[0,1] > 0\"}\n```\n"
        let (lesson, _) = parseLesson(source: source, file: "s.md")
        let (steps, diagnostics) = lessonExercises(lesson)
        XCTAssertEqual(diagnostics, [], "pins are checked against the scene, not while decoding")
        XCTAssertEqual(exerciseDiagnostics(lesson).map(\.description).filter { $0.contains("'bad'") },
                       ["s.md:19:51: error: exercise 'bad': in 'set': mask 'sometimes' is not one of none, causal, padding, sliding, dilated, globalSliding"])
        let c = try ExerciseContext(scene: XCTUnwrap(lesson.steps[0].scene))
        let e = steps[0].exercises
        XCTAssertEqual(try c.answer(e[0]), .bool(true))
        XCTAssertEqual(try c.answer(e[1]), .bool(false))
    }
}
