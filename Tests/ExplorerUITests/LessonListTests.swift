@testable import ExplorerUI
import LessonEngine
import XCTest

/// The lesson list: steps seen and exercises solved per lesson, Home/End/PgUp/PgDn, and a
/// course longer than the screen.
final class LessonListTests: XCTestCase {
    private var lessons: [Lesson] { ExplorerStateTests.lessons }

    private func send(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { update(&state, .key(k)) }
    }

    /// Lines cut without a visible ….
    private func bareCuts(_ grid: CellGrid) -> [String] {
        grid.cuts.filter { grid[$0.x, $0.y].character != "…" }.map { grid.lines[$0.y] }
    }

    private func line(_ text: String, containing needle: String) throws -> String {
        try XCTUnwrap(text.split(separator: "\n").first { $0.contains(needle) }.map(String.init), "no line with \(needle) in\n\(text)")
    }

    func testSeeingAStepRecordsItAndTheIntroductionDoesNot() throws {
        var s = AppState(lessons: lessons)
        let soft = try XCTUnwrap(lessons.firstIndex { $0.id == "soft-read" })
        s.selectedLesson = soft
        send(&s, [.enter])
        XCTAssertTrue(s.showingIntroduction)
        XCTAssertEqual(s.seenSteps["soft-read"], nil, "the introduction is not a step")
        XCTAssertEqual(s.pendingSeenSteps, [])
        send(&s, [.right, .right, .right, .left])
        XCTAssertEqual(s.seenSteps["soft-read"], [0, 1, 2])
        XCTAssertEqual(s.pendingSeenSteps, [0, 1, 2].map { SeenStep(lesson: "soft-read", step: $0) }, "each step once, for the progress file")
        send(&s, [.character("G")])
        XCTAssertEqual(s.seenSteps["soft-read"], [0, 1, 2, 5], "the steps seen, not the furthest: 4 and 5 were skipped")
        send(&s, [.character("q")])
        let list = view(s, width: 80, height: 24).text
        XCTAssertTrue(try line(list, containing: "Soft read").hasSuffix("4/6 steps · 0/6 solved"), list)
        XCTAssertTrue(try line(list, containing: "Hard read").hasSuffix("3 steps · 0/5 solved"), "a lesson not opened gives its size\n\(list)")
    }

    func testSavedProgressShowsOnTheListInBothLanguagesAndSizes() throws {
        var s = AppState(lessons: lessons)
        s.seenSteps = ["scaled-dot-product": [0, 1, 2, 3], "positional": Set(0..<7), "hard-read": [0, 40]]
        s.solved = ["scaled-dot-product": ["qk", "not-an-exercise-any-more"]]
        let id = try XCTUnwrap(lessonExercises(try XCTUnwrap(lessons.first { $0.id == "scaled-dot-product" })).steps.first?.exercises.first?.id)
        s.solved["scaled-dot-product"] = [id, "not-an-exercise-any-more"]
        for (width, height) in [(80, 24), (160, 48)] {
            let list = view(s, width: width, height: height).text
            XCTAssertTrue(try line(list, containing: "Scaled dot-product").hasSuffix("4/7 steps · 1/11 solved"), "\(width)×\(height)\n\(list)")
            XCTAssertTrue(try line(list, containing: "Positional").hasSuffix("7/7 steps · 0/6 solved"), list)
            XCTAssertTrue(try line(list, containing: "Hard read").hasSuffix("1/3 steps · 0/5 solved"), "a step the lesson no longer has does not count\n\(list)")
            for lesson in lessons { XCTAssertTrue(list.contains(lesson.title), "every lesson of the course fits at \(width)×\(height)\n\(list)") }
        }
        s.setLanguage(.ru)
        let ru = view(s, width: 80, height: 24).text
        let row = try line(ru, containing: "Внимание с масштаб")
        XCTAssertTrue(row.hasSuffix("пройдено 4/7 · решено 1/11"), ru)
        XCTAssertTrue(row.contains("…"), "the long Russian title gives way with a visible ellipsis\n\(ru)")
        XCTAssertTrue(bareCuts(view(s, width: 80, height: 24)).isEmpty)
    }

    func testHomeEndAndPagesOnTheList() {
        var s = AppState(lessons: lessons)
        send(&s, [.end])
        XCTAssertEqual(s.selectedLesson, lessons.count - 1)
        send(&s, [.home])
        XCTAssertEqual(s.selectedLesson, 0)
        send(&s, [.character("G")])
        XCTAssertEqual(s.selectedLesson, lessons.count - 1)
        send(&s, [.character("g")])
        XCTAssertEqual(s.selectedLesson, 0)
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("▶ 01"))
        send(&s, [.end])
        let lastNumber = String(format: "%02d", lessons[lessons.count - 1].order)
        let text = view(s, width: 80, height: 24).text
        XCTAssertTrue(text.contains("▶ \(lastNumber)") && text.contains(" 01 "), "the whole course on one screen\n\(text)")
        XCTAssertFalse(text.contains("▲") || text.contains("▼"), text)
        // The whole course fits at 24 lines: a page is all of it.
        send(&s, [.pageUp])
        XCTAssertEqual(s.selectedLesson, 0)
        send(&s, [.pageDown])
        XCTAssertEqual(s.selectedLesson, lessons.count - 1)
        send(&s, [.enter])
        XCTAssertEqual(s.lesson?.id, lessons.last?.id, "End then Enter opens the last lesson")
    }

    /// A course of 30 lessons (an instructor's own) scrolls, with marks for what is hidden.
    func testALongCourseScrollsAndSaysWhatIsHidden() throws {
        let base = lessons[0]
        let many: [Lesson] = (1...30).map { n in
            var l = base
            l.id = "lesson-\(n)"
            l.title = "Lesson number \(n)"
            l.order = n
            return l
        }
        var s = AppState(lessons: many)
        s.screenHeight = 24
        let capacity = 10   // the heading moves up beside the title: 10 lessons on 24 lines
        var text = view(s, width: 80, height: 24).text
        XCTAssertTrue(text.contains("▶ 01 Lesson number 1 "), text)
        XCTAssertTrue(text.contains("▼ 20 more lessons below"), text)
        XCTAssertFalse(text.contains("▲"), text)
        send(&s, [.pageDown])
        XCTAssertEqual(s.selectedLesson, capacity)
        text = view(s, width: 80, height: 24).text
        XCTAssertTrue(text.contains("▶ 11 Lesson number 11"), text)
        XCTAssertTrue(text.contains("▲ 1 more lesson above"), text)
        // Moving back up inside the window does not scroll it.
        send(&s, [.up])
        XCTAssertEqual(s.listTop, 1)
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("▲ 1 more lesson above"))
        send(&s, [.end])
        text = view(s, width: 80, height: 24).text
        XCTAssertTrue(text.contains("▶ 30 Lesson number 30"), text)
        XCTAssertTrue(text.contains("▲ 20 more lessons above"), text)
        XCTAssertFalse(text.contains("▼"), text)
        send(&s, [.pageUp])
        XCTAssertEqual(s.selectedLesson, 29 - capacity)
        send(&s, [.home])
        XCTAssertEqual(s.listTop, 0)
        // At 160×48 twenty-two lessons fit; the selection stays on screen after a resize.
        send(&s, [.end])
        s.screenHeight = 48
        text = view(s, width: 160, height: 48).text
        XCTAssertTrue(text.contains("▶ 30 Lesson number 30") && text.contains("▲ 8 more lessons above"), text)
        s.setLanguage(.ru)
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("▲ выше ещё 20 уроков"))
        for (w, h) in [(80, 24), (160, 48)] { XCTAssertTrue(bareCuts(view(s, width: w, height: h)).isEmpty) }
    }
}
