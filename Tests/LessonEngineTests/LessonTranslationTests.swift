import Foundation
import XCTest
@testable import LessonEngine

/// Translation files (`NN-id.<code>.md`): how they are found, applied and checked, and that the
/// course's own Russian translations are complete and state the English numbers.
final class LessonTranslationTests: XCTestCase {

    // MARK: The course's translations

    func testEveryLessonHasACompleteRussianTranslation() throws {
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson, url.lastPathComponent)
            XCTAssertEqual(lesson.languages, ["en", "ru"], url.lastPathComponent)
            let russian = try XCTUnwrap(lesson.translations["ru"], url.lastPathComponent)
            XCTAssertEqual(translationDiagnostics(lesson, russian), [], url.lastPathComponent)
            let localized = lesson.localized(to: "ru")
            XCTAssertEqual(localized.steps.count, lesson.steps.count)
            for (en, ru) in zip(lesson.steps, localized.steps) {
                XCTAssertNotEqual(en.title, ru.title, "\(lesson.id): step '\(en.title)' keeps its English title")
                XCTAssertTrue(ru.prose.contains(where: isCyrillic), "\(lesson.id): step '\(en.title)' has no Russian prose")
                XCTAssertEqual(en.scene?.tokens, ru.scene?.tokens, "scenes are shared")
                XCTAssertEqual(en.scene?.controls.map(\.param), ru.scene?.controls.map(\.param))
            }
        }
    }

    /// The Russian prose makes the English prose's claims: every number a Russian step states
    /// (decimal comma read as a point) is one its English step states, and none is dropped. The
    /// English numbers are checked against the scenes by LessonClaimsTests.
    func testRussianStepsStateTheEnglishNumbers() throws {
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson)
            let localized = lesson.localized(to: "ru")
            for (en, ru) in zip(lesson.steps, localized.steps) {
                let english = numbers(in: en.title + "\n" + en.prose, decimalComma: false)
                let russian = numbers(in: ru.title + "\n" + ru.prose, decimalComma: true)
                XCTAssertEqual(russian.sorted(), english.sorted(), "\(lesson.id), step '\(en.title)': the Russian states \(russian.sorted()), the English \(english.sorted())")
            }
        }
    }

    func testValidateChecksTheTranslationsBesideALesson() throws {
        let dir = try temporaryLessons()
        XCTAssertEqual(validateLesson(at: dir.appendingPathComponent("01-demo.md")), [])
        // Validating the translation file validates its lesson, translations included.
        XCTAssertEqual(validateLesson(at: dir.appendingPathComponent("01-demo.ru.md")), [])
        XCTAssertEqual(lessonFiles(in: dir).map(\.lastPathComponent), ["01-demo.md"], "translations are not lessons of their own")
    }

    func testLocalizedReplacesWordsAndKeepsScenesAndAnswers() throws {
        let dir = try temporaryLessons()
        let lesson = try XCTUnwrap(loadLesson(at: dir.appendingPathComponent("01-demo.md")).lesson)
        let ru = lesson.localized(to: "ru")
        XCTAssertEqual(ru.title, "Демо")
        XCTAssertEqual(ru.summary, "Кратко.")
        XCTAssertEqual(ru.introduction, "Введение.")
        XCTAssertEqual(ru.steps[0].title, "Шаг")
        XCTAssertEqual(ru.steps[0].prose, "Вес $0{,}5$.")
        XCTAssertEqual(ru.steps[0].notes, "Заметки.")
        XCTAssertEqual(ru.steps[0].scene?.controls.first?.label, "температура τ")
        XCTAssertEqual(ru.steps[0].scene?.views.first?.title, "веса")
        var ids: Set<String> = []
        let exercises = decodeExercises(try XCTUnwrap(ru.steps[0].exercises), file: ru.file, seenIDs: &ids)
        XCTAssertEqual(exercises.diagnostics, [])
        let e = try XCTUnwrap(exercises.exercises.first)
        XCTAssertEqual(e.question, "Какой вес у cat?")
        XCTAssertEqual(e.hints, ["Софтмакс строки.", "Здесь τ = $temperature."])
        XCTAssertEqual(e.kind, .number, "the kind and answer come from the lesson")
        // The same answer is computed in either language.
        var fresh: Set<String> = []
        let original = decodeExercises(try XCTUnwrap(lesson.steps[0].exercises), file: lesson.file, seenIDs: &fresh)
        XCTAssertEqual(original.exercises.first?.answer, e.answer)
        XCTAssertEqual(lesson.localized(to: "en").title, "Demo")
        XCTAssertEqual(lesson.localized(to: "de").title, "Demo", "no file: the lesson unchanged")
    }

    func testValidateReportsWhatLacksATranslation() throws {
        let dir = try temporaryLessons(translation: """
        ---
        title: Демо
        ---

        ## Шаг

        Вес.

        ```exercises
        - id: w
          question: "Какой вес?"
          hints:
            - "Софтмакс строки."
        - id: nosuch
          question: "?"
        ```

        ```labels
        weights: веса
        width: ширина
        ```

        ## Лишний шаг

        Текст.
        """)
        let messages = validateLesson(at: dir.appendingPathComponent("01-demo.md")).map { "\($0.line): \($0.message)" }
        XCTAssertEqual(messages, [
            "1: the front matter has no 'summary:' in 'ru'",
            "1: the introduction has no 'ru' translation: write it between the front matter and the first '## '",
            "5: step 1 'Шаг' has no 'ru' translation of its notes",
            "5: step 1 'Шаг' has no 'ru' translation of the label 'temperature τ': add it to the step's labels block",
            "10: hint 2 of exercise 'w' has no 'ru' translation",
            "10: the solution of exercise 'w' has no 'ru' translation",
            "14: no exercise 'nosuch' in the lesson's step 1",
            "20: the label 'width' is not a control label or view title of the lesson's step 1",
            "23: step 'Лишний шаг' translates nothing: the lesson has only 1 steps, matched to the translation's '## ' headings in order",
        ])
    }

    func testATranslationKeepsTheTemplatesAndHasNoScenes() throws {
        let dir = try temporaryLessons(translation: """
        ---
        title: Демо
        summary: Кратко.
        ---

        Введение.

        ## Шаг

        Вес.

        ```scene
        tokens: [a]
        ```

        ```exercises
        - id: w
          question: "Какой вес?"
          hints:
            - "Софтмакс строки."
            - "Здесь τ = 1."
          solution: "Вес равен {weights[0,1]}."
        ```

        ```notes
        Заметки.
        ```

        ```labels
        temperature τ: температура τ
        weights: веса
        ```
        """)
        let messages = validateLesson(at: dir.appendingPathComponent("01-demo.md")).map { "\($0.file.hasSuffix(".ru.md") ? "ru" : "en"):\($0.line): \($0.message)" }
        XCTAssertEqual(messages, [
            "ru:12: a translation has no scenes: scenes are shared by every language, so this one belongs in the source lesson",
            "ru:17: hint 2 of exercise 'w' in 'ru' drops $temperature; templates must be the lesson's",
            "ru:17: the solution of exercise 'w' in 'ru' drops {weights[0,0]} and adds {weights[0,1]}; templates must be the lesson's",
        ])
    }

    func testALabelsBlockBelongsInATranslation() {
        let source = "---\ntitle: t\n---\n## s\n```labels\na: b\n```\n"
        XCTAssertEqual(parseLesson(source: source, file: "t.md").diagnostics.map(\.message),
                       ["a 'labels' block belongs in a translation file (NN-id.<code>.md); in the lesson itself, write labels in the scene"])
    }

    func testTranslationFileNames() {
        XCTAssertEqual(translationLanguage(ofFileNamed: "03-soft-read.ru.md"), "ru")
        XCTAssertEqual(translationLanguage(ofFileNamed: "03-soft-read.md"), nil)
        XCTAssertEqual(translationLanguage(ofFileNamed: "v1.2.md"), nil)
        XCTAssertEqual(translationLanguage(ofFileNamed: "a.RU.md"), nil)
        XCTAssertEqual(sourceLessonFile(ofTranslation: URL(fileURLWithPath: "/l/03-x.de.md"))?.path, "/l/03-x.md")
    }

    // MARK: Helpers

    private let lessonSource = """
    ---
    title: Demo
    summary: Short.
    ---

    Introduction.

    ## Step

    Weight $0.5$.

    ```scene
    tokens: [cat, dog]
    tensors:
      Q: [[1, 0], [0, 1]]
      K: [[1, 0], [0, 1]]
      V: [[1, 0], [0, 1]]
    op: attention
    temperature: 1
    views:
      - {view: heatmap, tensor: weights, title: weights}
    controls:
      - {param: temperature, min: 0.5, max: 2, step: 0.5, label: "temperature τ"}
    ```

    ```exercises
    - id: w
      question: "What weight does cat get?"
      kind: number
      answer: "weights[0,0]"
      set: {temperature: 1}
      hints:
        - "Softmax of the row."
        - "Here τ = $temperature."
      solution: "The weight is {weights[0,0]}."
    ```

    ```notes
    Notes.
    ```
    """

    private let russianSource = """
    ---
    title: Демо
    summary: Кратко.
    ---

    Введение.

    ## Шаг

    Вес $0{,}5$.

    ```exercises
    - id: w
      question: "Какой вес у cat?"
      hints:
        - "Софтмакс строки."
        - "Здесь τ = $temperature."
      solution: "Вес равен {weights[0, 0]}."
    ```

    ```notes
    Заметки.
    ```

    ```labels
    temperature τ: температура τ
    weights: веса
    ```
    """

    private func temporaryLessons(translation: String? = nil) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attn-translation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        try lessonSource.write(to: dir.appendingPathComponent("01-demo.md"), atomically: true, encoding: .utf8)
        try (translation ?? russianSource).write(to: dir.appendingPathComponent("01-demo.ru.md"), atomically: true, encoding: .utf8)
        return dir
    }
}

private func isCyrillic(_ c: Character) -> Bool {
    c.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
}

/// The numbers a text states, as written: `0.5`, and with `decimalComma` also `0{,}5` and `0,5`,
/// give 0.5. In Russian a comma between digits is a decimal comma, so an English index `[0,1]`
/// is written `[0, 1]` in the translations.
private func numbers(in text: String, decimalComma: Bool) -> [Double] {
    let cleaned = text.replacingOccurrences(of: "{,}", with: ",")
    var out: [Double] = []
    var current = ""
    func flush() {
        if !current.isEmpty, let x = Double(current.replacingOccurrences(of: ",", with: ".")) { out.append(x) }
        current = ""
    }
    let chars = Array(cleaned)
    for (i, c) in chars.enumerated() {
        if c.isASCII && c.isNumber {
            current.append(c)
        } else if (c == "." || (decimalComma && c == ",")), !current.isEmpty, i + 1 < chars.count, chars[i + 1].isASCII, chars[i + 1].isNumber, !current.contains(".") && !current.contains(",") {
            current.append(c)
        } else {
            flush()
        }
    }
    flush()
    return out
}
