@testable import ExplorerUI
import LessonEngine
import XCTest

/// The answer line edits as a shell line does: the cursor moves, words and the start delete,
/// a paste arrives as typed characters.
final class AnswerLineTests: XCTestCase {
    private func panelState() throws -> AppState {
        let lessons = ExplorerStateTests.lessons
        let index = try XCTUnwrap(lessons.firstIndex { $0.id == "scaled-dot-product" })
        let step = try XCTUnwrap(lessonExercises(lessons[index]).steps.first).stepIndex
        var s = AppState(lessons: lessons)
        s.open(lesson: index, step: step)
        s.showingIntroduction = false
        update(&s, .key(.character("e")))
        update(&s, .key(.character("a")))
        XCTAssertEqual(s.exercisePanel?.input, "")
        return s
    }

    private func type(_ s: inout AppState, _ text: String) { for c in text { update(&s, .key(.character(c))) } }

    func testCursorMovesAndTypingInserts() throws {
        var s = try panelState()
        type(&s, "0.5")
        update(&s, .key(.left)); update(&s, .key(.left))
        type(&s, "1")                                    // 0|.5 → 01.5
        XCTAssertEqual(s.exercisePanel?.input, "01.5")
        update(&s, .key(.home)); update(&s, .key(.delete))
        XCTAssertEqual(s.exercisePanel?.input, "1.5")
        update(&s, .key(.end)); type(&s, "2")
        XCTAssertEqual(s.exercisePanel?.input, "1.52")
        update(&s, .key(.home)); update(&s, .key(.right)); update(&s, .key(.backspace))
        XCTAssertEqual(s.exercisePanel?.input, ".52")
        XCTAssertTrue(view(s, width: 120, height: 40).text.contains("answer> ▏.52"), "the cursor is drawn where typing goes")
    }

    func testCtrlUAndCtrlW() throws {
        var s = try panelState()
        type(&s, "1 2 three")
        update(&s, .key(.control("w")))
        XCTAssertEqual(s.exercisePanel?.input, "1 2 ")
        update(&s, .key(.control("w")))
        XCTAssertEqual(s.exercisePanel?.input, "1 ")
        type(&s, "45")
        update(&s, .key(.left))
        update(&s, .key(.control("u")))
        XCTAssertEqual(s.exercisePanel?.input, "5", "Ctrl-U deletes before the cursor")
    }

    func testPasteArrivesAsCharactersAndALineBreakChecks() throws {
        var s = try panelState()
        type(&s, "0.25\n")
        XCTAssertNil(s.exercisePanel?.input, "the pasted line break checked the answer and closed the line")
        XCTAssertNotNil(s.exercisePanel?.lastCheck)
    }

    /// At 80×24 a worked solution is taller than the panel: ▼ J says so, J scrolls, and s
    /// before it is available says why.
    func testSolutionsScrollAndSSaysWhyNot() throws {
        var s = try panelState()
        update(&s, .key(.escape))                 // close the answer line
        update(&s, .key(.character("s")))
        XCTAssertTrue(infoLine(s).contains("opens after a right answer"), infoLine(s))
        s.exercisePanel?.showSolution = true
        s.exercisePanel?.solved = true
        let before = view(s, width: 80, height: 24).text
        XCTAssertTrue(before.contains("▼ J"), before)
        update(&s, .key(.character("J")))
        let after = view(s, width: 80, height: 24).text
        XCTAssertNotEqual(before, after, "J scrolls the panel")
        XCTAssertTrue(after.contains("▲ K"), after)
    }
}
