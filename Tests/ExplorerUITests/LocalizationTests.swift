import AttentionKernel
@testable import ExplorerUI
import LessonEngine
import SnapshotTesting
import XCTest

/// The explorer in Russian and English: complete catalogs, plural forms, numbers with the
/// language's decimal mark, and the live switch (`L`) that keeps everything but the words.
final class LocalizationTests: XCTestCase {
    private let lessons = ExplorerStateTests.lessons

    private func screen(_ id: String, step: Int, language: Language, focus: Int = 0) throws -> AppState {
        var s = AppState(lessons: lessons, language: language)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == id }, "no lesson \(id)"), step: step - 1)
        s.showingIntroduction = false
        s.focusedView = focus
        return s
    }

    func testScreenTextHasEveryKeyInEveryLanguage() {
        let problems = CatalogCheck.problems(ScreenText.self, allowSameAsEnglish: ScreenText.sameInEveryLanguage)
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    func testRussianPluralForms() {
        let forms = [1: "1 шаг", 2: "2 шага", 4: "4 шага", 5: "5 шагов", 11: "11 шагов", 12: "12 шагов", 21: "21 шаг", 22: "22 шага", 0: "0 шагов"]
        for (n, text) in forms { XCTAssertEqual(ScreenText.stepCount.counted(n, .ru), text) }
        XCTAssertEqual(ScreenText.stepCount.counted(1, .en), "1 step")
        XCTAssertEqual(ScreenText.stepCount.counted(7, .en), "7 steps")
    }

    func testRussianInterfaceWordsOnEveryScreen() throws {
        var s = AppState(lessons: lessons, language: .ru)
        let list = view(s, width: 80, height: 24).text
        XCTAssertTrue(list.contains("Уроки") && list.contains("внимание, шаг за шагом") && list.contains("q выход"), list)
        XCTAssertTrue(list.contains("шагов") || list.contains("шага"), list)
        XCTAssertTrue(list.contains("RU"), "the language shows in the footer:\n\(list)")
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == "soft-read" }))
        let intro = view(s, width: 80, height: 24).text
        XCTAssertTrue(intro.contains("введение · 6 шагов") && intro.contains("→ шаг 1"), intro)
        update(&s, .key(.right))
        let step = view(s, width: 80, height: 24).text
        XCTAssertTrue(step.contains("шаг 1/6") && step.contains("? клавиши  RU"), step)
        update(&s, .key(.character("?")))
        let help = view(s, width: 80, height: 24).text
        XCTAssertTrue(help.contains("клавиши (любая закрывает)") && help.contains("язык: Русский → English"), help)
        XCTAssertFalse(help.contains("next step"), help)
    }

    /// Heatmap cells, legends, row sums and control values are written with a decimal comma in
    /// Russian, and no number in the views has a decimal point.
    func testRussianNumbersUseADecimalComma() throws {
        let s = try screen("masked", step: 3, language: .ru, focus: 1)
        let grid = view(s, width: 160, height: 48)
        let areas = lessonAreas(s, width: 160, height: 48)
        let views = (areas.views.y..<areas.views.maxY).map { y in (areas.views.x..<areas.views.maxX).map { String(grid[$0, y].character) }.joined() }.joined(separator: "\n")
        XCTAssertTrue(views.contains("0,45") || views.contains(",45"), views)
        XCTAssertTrue(views.contains("1,00"), "row sums:\n\(views)")
        let pointNumber = try NSRegularExpression(pattern: "[0-9]\\.[0-9]|(^|[ │\\[])\\.[0-9]")
        let ns = views as NSString
        XCTAssertNil(pointNumber.firstMatch(in: views, range: NSRange(location: 0, length: ns.length)), "a decimal point in Russian:\n\(views)")
        let english = view(try screen("masked", step: 3, language: .en, focus: 1), width: 160, height: 48).text
        XCTAssertTrue(english.contains("1.00"), english)
    }

    func testControlValuesFollowTheLanguage() throws {
        var s = try screen("soft-read", step: 5, language: .ru)
        XCTAssertTrue(view(s, width: 80, height: 24).lines.last!.contains("= 1 "), view(s, width: 80, height: 24).text)
        update(&s, .key(.character("-")))
        let footer = view(s, width: 160, height: 48).lines.last!
        XCTAssertTrue(footer.contains("0,5") && footer.contains("изменить"), footer)
    }

    /// `L` switches the language live: the step, the controls, the cursor, the focus and the
    /// open exercise with its typed answer stay; only the words and the number format change.
    func testTheLanguageKeySwitchesLiveAndKeepsTheState() throws {
        var s = try screen("scaled-dot-product", step: 2, language: .en)
        update(&s, .key(.character("+")))
        update(&s, .key(.down))
        update(&s, .key(.character(">")))
        let overrides = s.overrides, cursor = s.cursor, step = s.step
        update(&s, .key(.character("e")))
        XCTAssertNotNil(s.exercisePanel, "the step has exercises")
        update(&s, .key(.character("h")))
        update(&s, .key(.character("a")))
        for c in "0.5" { update(&s, .key(.character(c))) }
        update(&s, .key(.escape))              // close the answer line: L is a key again
        let panel = try XCTUnwrap(s.exercisePanel)
        let english = view(s, width: 160, height: 48).text
        XCTAssertTrue(english.contains("step 2/7") && english.contains("EN"), english)

        update(&s, .key(.character("L")))
        XCTAssertEqual(s.language, .ru)
        XCTAssertEqual(s.step, step)
        XCTAssertEqual(s.overrides, overrides)
        XCTAssertEqual(s.cursor, cursor)
        XCTAssertEqual(s.exercisePanel?.index, panel.index)
        XCTAssertEqual(s.exercisePanel?.hintsShown, panel.hintsShown)
        XCTAssertEqual(s.exercisePanel?.exercises.map(\.id), panel.exercises.map(\.id))
        let russian = view(s, width: 160, height: 48).text
        XCTAssertTrue(russian.contains("шаг 2/7") && russian.contains("RU") && russian.contains("упражнение 1/"), russian)
        XCTAssertTrue(russian.contains("подсказка 1:"), russian)
        XCTAssertEqual(s.lessons.map(\.id), s.sourceLessons.map(\.id))

        update(&s, .key(.character("L")))
        XCTAssertEqual(s.language, .en)
        XCTAssertEqual(view(s, width: 160, height: 48).text, english, "back to English: the same screen as before")
    }

    /// In the answer line `L` is a letter of the answer, not the language key.
    func testLIsTypedIntoAnAnswer() throws {
        var s = try screen("scaled-dot-product", step: 2, language: .en)
        update(&s, .key(.character("e")))
        update(&s, .key(.character("a")))
        update(&s, .key(.character("L")))
        XCTAssertEqual(s.language, .en)
        XCTAssertEqual(s.exercisePanel?.input, "L")
    }

    func testLanguageSwitchWorksOnTheLessonList() {
        var s = AppState(lessons: lessons)
        update(&s, .key(.character("L")))
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("Уроки"))
        XCTAssertEqual(s.screen, .lessonList)
    }

    /// One lesson in Russian, every step at 80×24 and 160×48, as text.
    func testRussianSnapshotsOfTheMaskedLesson() throws {
        let index = try XCTUnwrap(lessons.firstIndex { $0.id == "masked" })
        var s = AppState(lessons: lessons, language: .ru)
        s.open(lesson: index)
        for (w, h) in [(80, 24), (160, 48)] {
            assertSnapshot(of: view(s, width: w, height: h).text + "\n", as: .lines, named: "intro-\(w)x\(h)")
        }
        for step in lessons[index].steps.indices {
            s.go(to: step)
            for (w, h) in [(80, 24), (160, 48)] {
                assertSnapshot(of: view(s, width: w, height: h).text + "\n", as: .lines, named: "step\(step + 1)-\(w)x\(h)")
            }
        }
        s.go(to: 2)
        update(&s, .key(.character("e")))
        assertSnapshot(of: view(s, width: 80, height: 24).text + "\n", as: .lines, named: "exercise-80x24")
        s.exercisePanel = nil
        update(&s, .key(.character("?")))
        assertSnapshot(of: view(s, width: 80, height: 24).text + "\n", as: .lines, named: "help-80x24")
    }

    func testTooSmallInRussian() {
        let s = AppState(lessons: lessons, language: .ru)
        XCTAssertTrue(view(s, width: 60, height: 20).text.contains("терминал слишком мал: нужно 80×24, сейчас 60×20"))
    }

    func testPrintedHandoutInRussian() throws {
        let lesson = try XCTUnwrap(lessons.first { $0.id == "scaled-dot-product" })
        let text = renderLessonText(lesson.localized(to: "ru"), steps: [1], width: 80, depth: .monochrome, content: .exercises, language: .ru)
        XCTAssertTrue(text.contains("шаг 2/7"), text)
        XCTAssertTrue(text.contains("Упражнения") && text.contains("ответ ("), text)
        XCTAssertTrue(text.contains("запрос i ↓"), text)
    }
}
