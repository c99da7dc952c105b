import Foundation
import XCTest
@testable import LessonEngine

/// The engine's messages in Russian: the catalog is complete, real diagnostics render with their
/// location and Russian words, and worked solutions use decimal commas with the English numbers.
final class EngineLocalizationTests: XCTestCase {
    func testEngineCatalogIsComplete() {
        // τ and its value read the same in every language.
        XCTAssertEqual(CatalogCheck.problems(EngineText.self, allowSameAsEnglish: [.wsOverTemperature]), [])
        XCTAssertEqual(CatalogCheck.problems(TensorText.self, allowSameAsEnglish: TensorText.sameInEveryLanguage), [])
    }

    private let broken = """
    ---
    title: t
    ---
    ## s
    ```scene
    op: attention
    tokens: [a, b]
    tempreature: 0.5
    tensors:
      X: [[1, 0], [0, 1, 2]]
    ```
    ## u
    ```scene
    op: atention
    ```
    """

    func testRealDiagnosticsRenderInRussianWithTheirLocation() {
        let diagnostics = validate(source: broken, file: "les.md")
        XCTAssertEqual(diagnostics.map(\.description), [
            "les.md:8:1: error: unknown field 'tempreature' in the scene (did you mean 'temperature'?)",
            "les.md:10:15: error: row 2 of tensor 'X' has 3 values, row 1 has 2",
            "les.md:14:5: error: unknown op 'atention' (did you mean 'attention'?)",
        ])
        XCTAssertEqual(diagnostics.map { $0.rendered(.ru) }, [
            "les.md:8:1: ошибка: сцена: неизвестное поле 'tempreature' (может быть, 'temperature'?)",
            "les.md:10:15: ошибка: в строке 2 тензора 'X' 3 значений, а в строке 1 — 2",
            "les.md:14:5: ошибка: неизвестная операция 'atention' (может быть, 'attention'?)",
        ])
        XCTAssertEqual(diagnostics.map { $0.rendered(.en) }, diagnostics.map(\.description))
        XCTAssertEqual(diagnostics.map { $0.text(.en) }, diagnostics.map(\.message))
    }

    func testNestedSubjectsDecline() {
        let source = "---\ntitle: t\n---\n## s\n```scene\nop: attention\ntensors:\n  Q: {random: normal, shape: [2, x]}\n```\n"
        let (_, diagnostics) = parseLesson(source: source, file: "n.md")
        XCTAssertEqual(diagnostics.map(\.description), [
            "n.md:8:34: error: each size in 'shape' of tensor 'Q' must be a number or a $parameter, got 'x'",
        ])
        XCTAssertEqual(diagnostics.map { $0.text(.ru) }, [
            "каждый размер в 'shape' тензора 'Q': нужно число или $параметр, а указано 'x'",
        ])
    }

    /// Every diagnostic of every broken lesson has Russian words and no unfilled `{argument}`.
    func testEveryBrokenLessonDiagnosticRendersInRussian() throws {
        let placeholder = try NSRegularExpression(pattern: "\\{[A-Za-z_]+\\}")
        var count = 0
        for url in lessonFiles(in: TestPaths.broken) {
            for d in validateLesson(at: url) {
                count += 1
                let ru = d.text(.ru)
                if case .verbatim = d.problem { XCTFail("\(url.lastPathComponent): not a catalog message: \(d)") }
                XCTAssertTrue(ru.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }, "\(url.lastPathComponent): \(ru)")
                XCTAssertNil(placeholder.firstMatch(in: ru, range: NSRange(ru.startIndex..., in: ru)), ru)
                XCTAssertTrue(d.rendered(.ru).hasPrefix("\(d.file):\(d.line):\(d.column): ошибка: "))
            }
        }
        XCTAssertGreaterThan(count, 20)
    }

    func testSceneAndExpressionErrorsInRussian() throws {
        let s = try scene("op: attention\ntokens: [a, b]\ntemperature: 0\ntensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]")
        XCTAssertThrowsError(try evaluate(s)) { error in
            let e = error as! SceneError
            XCTAssertEqual(e.message, "temperature must be above 0, got 0")
            XCTAssertEqual(e.text(.ru), "temperature должна быть больше 0, а указано 0")
        }
        XCTAssertThrowsError(try ExerciseExpression(parsing: "weights[0,")) { error in
            let e = error as! ExpressionError
            XCTAssertEqual(e.message, "the expression ends too early")
            XCTAssertEqual(e.text(.ru), "выражение обрывается")
        }
        let numbers = SceneError(.controlMinAboveMax(parameter: "temperature", min: 2.5, max: 0.5), at: SourceLocation(line: 3))
        XCTAssertEqual(numbers.message, "the control for 'temperature' has min 2.5 above max 0.5")
        XCTAssertEqual(numbers.text(.ru), "у управляющего элемента для 'temperature' min 2,5 больше max 0,5")
        let progress = ProgressError(.countNotWhole(field: "tries", maximum: 1000))
        XCTAssertEqual(progress.message, "'tries' is not a whole number from 0 to 1000")
        XCTAssertEqual(progress.text(.ru), "'tries' не является целым числом от 0 до 1000")
    }

    // MARK: - Worked solutions

    private let exercises = """
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
    - {id: d, question: q, kind: number, answer: "scaled[2,2]"}
    ```
    """

    private func workedSolutions(_ id: String) throws -> (en: String, ru: String) {
        let (lesson, diagnostics) = parseLesson(source: exercises, file: "w.md")
        XCTAssertEqual(diagnostics, [])
        let exercise = try XCTUnwrap(lessonExercises(lesson).steps.first?.exercises.first { $0.id == id })
        let context = try ExerciseContext(scene: XCTUnwrap(lesson.steps[0].scene))
        return (workedSolution(exercise, in: context), workedSolution(exercise, in: context, language: .ru))
    }

    /// The Russian text has every number of the English one, with a decimal comma, and no decimal point.
    private func assertSameNumbers(_ en: String, _ ru: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let decimal = try NSRegularExpression(pattern: "-?[0-9]+[.,][0-9]+")
        func numbers(_ s: String) -> [String] {
            decimal.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) }
        }
        let english = numbers(en), russian = numbers(ru)
        XCTAssertFalse(english.isEmpty, en, file: file, line: line)
        XCTAssertEqual(russian, english.map { $0.replacingOccurrences(of: ".", with: ",") }, ru, file: file, line: line)
    }

    func testSoftmaxWorkedSolutionInRussian() throws {
        let (en, ru) = try workedSolutions("w")
        XCTAssertTrue(en.contains("exp of each: "), en)
        XCTAssertTrue(en.contains("weight of cat = "), en)
        XCTAssertTrue(ru.contains("Строка 2 `masked`: the 0,7071; cat 0,7071; sat 1,4142"), ru)
        XCTAssertTrue(ru.contains("exp каждого: "), ru)
        XCTAssertTrue(ru.contains("сумма = "), ru)
        XCTAssertTrue(ru.contains("вес cat = "), ru)
        XCTAssertTrue(ru.contains("Ответ: `weights[2,1]` = 0,2483"), ru)
        try assertSameNumbers(en, ru)
    }

    func testDotProductWorkedSolutionInRussian() throws {
        let (en, ru) = try workedSolutions("d")
        XCTAssertTrue(en.contains("q_2 (row 2 of Q) = [1, 1]\nk_2 (row 2 of K) = [1, 1]\nscores[2,2] = q·k = 1·1 + 1·1 = 2\nscaled = scores / √d_k = 2 / √2 = 2 / 1.4142 = 1.4142"), en)
        XCTAssertTrue(ru.contains("q_2 (строка 2 Q) = [1; 1]\nk_2 (строка 2 K) = [1; 1]\nscores[2,2] = q·k = 1·1 + 1·1 = 2\nscaled = scores / √d_k = 2 / √2 = 2 / 1,4142 = 1,4142"), ru)
        try assertSameNumbers(en, ru)
    }

    func testDisplayNamesAndCaptionsInRussian() throws {
        let s = try scene("op: attention\nmask: causal\ntokens: [a, b]\ntensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]")
        let computed = try evaluate(s)
        let weights = tensorDisplay("weights", in: computed)
        XCTAssertEqual(tensorDisplay("weights", in: computed, language: .en), weights)
        XCTAssertEqual(weights.caption, "attention weights: each row sums to 1")
        XCTAssertEqual(tensorDisplay("weights", in: computed, language: .ru).caption, "веса внимания: сумма каждой строки равна 1")
        XCTAssertEqual(tensorDisplay("mask", in: computed, language: .ru).name, "маска M")
        XCTAssertEqual(tensorDisplay("scaled", in: computed, language: .ru).name, "S/√d_k")
        XCTAssertEqual(TensorText.localized("A = softmax, head 2", .ru), "A = softmax, голова 2")
        XCTAssertEqual(TensorText.localized("head 4 · KV head 1, shared with 3, 5", .ru), "голова 4 · KV-голова 1, общая с 3, 5")
        XCTAssertEqual(TensorText.localized("layer 3 · head 11", .ru), "слой 3 · голова 11")
        // Every caption an operation declares has a Russian entry.
        for declaration in OperationDeclaration.all {
            for output in declaration.outputs where !output.caption.isEmpty {
                XCTAssertNotNil(TensorText(rawValue: output.caption), "\(declaration.op.rawValue).\(output.name): \(output.caption)")
            }
        }
        for t in computed.tensors where !t.caption.isEmpty {
            XCTAssertNotEqual(t.caption(.ru), t.caption, t.name)
        }
    }

    func testGradeReportInRussian() throws {
        let (lesson, _) = parseLesson(source: exercises, file: "w.md")
        let results = gradeLesson(lesson, answers: ["w": "0.9"], language: .ru)
        let text = gradeReportText(results, header: GradeHeader(lessonID: "w", student: "ann", seed: 3), language: .ru)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "w · учащийся ann (вариант 3)")
        XCTAssertTrue(lines[1].hasPrefix("неверно     w/w: "), lines[1])
        XCTAssertTrue(lines[1].hasSuffix(" (ожидалось 0,2483)"), lines[1])
        XCTAssertEqual(lines[2], "нет ответа  w/d: ответа нет (ожидалось 1,4142)")
        XCTAssertEqual(lines.last, "верно 0 из 2")
        let english = gradeReportText(gradeLesson(lesson, answers: ["w": "0.9"]), header: GradeHeader(lessonID: "w"))
        XCTAssertTrue(english.contains("missing    w/d: no answer (expected 1.4142)"), english)
        XCTAssertTrue(english.hasSuffix("0/2 right"), english)
    }
}
