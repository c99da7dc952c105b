import AttentionKernel
@testable import ExplorerUI
import LessonEngine
import SnapshotTesting
import XCTest

/// The explorer driven by sequences of messages, without a terminal.
final class ExplorerStateTests: XCTestCase {
    /// The course's own lessons, loaded from the repository's Lessons folder.
    static let lessons: [Lesson] = {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons")
        return lessonFiles(in: dir).compactMap { loadLesson(at: $0).lesson }.sorted { $0.order < $1.order }
    }()

    private func send(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { update(&state, .key(k)) }
    }

    private func lessonIndex(_ id: String) throws -> Int {
        try XCTUnwrap(Self.lessons.firstIndex { $0.id == id }, "no lesson \(id)")
    }

    func testNavigationThroughListAndSteps() throws {
        XCTAssertEqual(Self.lessons.count, 10)
        var s = AppState(lessons: Self.lessons)
        send(&s, [.down, .down, .enter])
        XCTAssertEqual(s.screen, .lesson)
        XCTAssertEqual(s.lesson?.id, Self.lessons[2].id)
        // A lesson opens on its introduction, the page before step 1.
        XCTAssertTrue(s.showingIntroduction)
        let intro = view(s, width: 80, height: 24).text
        let firstWords = try XCTUnwrap(Self.lessons[2].introduction.split(separator: " ").prefix(3)).joined(separator: " ")
        XCTAssertTrue(intro.contains(firstWords), intro)
        XCTAssertTrue(intro.contains("→ step 1"), intro)
        send(&s, [.right])
        XCTAssertFalse(s.showingIntroduction)
        XCTAssertEqual(s.step, 0)
        send(&s, [.left])
        XCTAssertTrue(s.showingIntroduction, "← on step 1 goes back to the introduction")
        send(&s, [.right])
        send(&s, [.right, .character(" "), .pageDown])
        XCTAssertEqual(s.step, 3)
        send(&s, [.left, .character("h")])
        XCTAssertEqual(s.step, 1)
        send(&s, [.character("G")])
        XCTAssertEqual(s.step, Self.lessons[2].steps.count - 1)
        send(&s, [.right])
        XCTAssertEqual(s.step, Self.lessons[2].steps.count - 1, "stepping past the end stays on the last step")
        send(&s, [.character("g")])
        XCTAssertEqual(s.step, 0)
        send(&s, [.character("3"), .enter])
        XCTAssertEqual(s.step, 2, "3⏎ jumps to the third step")
        send(&s, [.character("9"), .character("9"), .enter])
        XCTAssertEqual(s.step, Self.lessons[2].steps.count - 1, "a step number past the end goes to the last step")
        send(&s, [.character("q")])
        XCTAssertEqual(s.screen, .lessonList)
        XCTAssertFalse(s.wantsQuit)
        send(&s, [.escape])
        XCTAssertTrue(s.wantsQuit)
    }

    func testEveryStepOfEveryLessonComputesAndDraws() throws {
        for (i, lesson) in Self.lessons.enumerated() where !lacksModels(lesson) {
            var s = AppState(lessons: Self.lessons)
            s.open(lesson: i)
            for step in lesson.steps.indices {
                s.go(to: step)
                XCTAssertNil(s.sceneError, "\(lesson.id) step \(step + 1): \(s.sceneError ?? "")")
                if lesson.steps[step].scene != nil { XCTAssertNotNil(s.computed, "\(lesson.id) step \(step + 1)") }
                for (w, h) in [(80, 24), (120, 40), (200, 60)] {
                    let grid = view(s, width: w, height: h)
                    XCTAssertTrue(grid.text.contains("step \(step + 1)/\(lesson.steps.count)"), "\(lesson.id) \(w)×\(h)")
                }
            }
        }
    }

    func testTemperatureControlRecomputesThroughTheKernel() throws {
        var s = AppState(lessons: Self.lessons)
        s.open(lesson: try lessonIndex("soft-read"))
        let step = try XCTUnwrap(s.lesson?.steps.firstIndex { $0.scene?.controls.contains { $0.param == "temperature" } ?? false })
        s.go(to: step)
        let control = try XCTUnwrap(s.controls.first { $0.param == "temperature" })
        s.controlIndex = try XCTUnwrap(s.controls.firstIndex(of: control))
        let before = try XCTUnwrap(s.computed?["weights"]).tensor
        // τ moves on a logarithmic 1–2–5 ladder: 1 → 2 → 5.
        send(&s, [.character("+")])
        XCTAssertEqual(s.value(of: control), 2, accuracy: 1e-9)
        send(&s, [.character("-"), .character("-")])
        XCTAssertEqual(s.value(of: control), 0.5, accuracy: 1e-9, "1 → 0.5 going down")
        send(&s, [.character("+"), .character("+"), .character("+")])
        let tau = s.value(of: control)
        XCTAssertEqual(tau, min(control.max, 5), accuracy: 1e-9)
        let after = try XCTUnwrap(s.computed?["weights"]).tensor
        XCTAssertNotEqual(before, after)
        // The weights on screen are the kernel's softmax of the scores q·k at this temperature.
        let scores = try XCTUnwrap(s.computed?["scores"]).tensor
        let expected = try softmax(scores.reshaped([1, scores.count]), temperature: Float(tau)).weights
        XCTAssertEqual(after.scalars.count, expected.scalars.count)
        for (a, e) in zip(after.scalars, expected.scalars) { XCTAssertEqual(a, e, accuracy: 1e-6) }
        send(&s, Array(repeating: .character("+"), count: 10_000))
        XCTAssertEqual(s.value(of: control), control.max, "a control stops at its maximum")
        send(&s, Array(repeating: .character("-"), count: 10_000))
        XCTAssertEqual(s.value(of: control), control.min, "and at its minimum")
        send(&s, [.character("}")])
        XCTAssertEqual(s.value(of: control), control.max, "} jumps to the maximum")
        send(&s, [.character("{")])
        XCTAssertEqual(s.value(of: control), control.min, "{ jumps to the minimum")
        send(&s, [.right, .left])
        XCTAssertEqual(s.value(of: control), control.defaultValue, "leaving a step resets its controls")
    }

    func testCursorInfoNamesScoreMaskAndWeight() throws {
        var s = AppState(lessons: Self.lessons)
        s.open(lesson: try lessonIndex("masked"))
        let step = try XCTUnwrap(s.lesson?.steps.firstIndex { step in
            (try? evaluate(step.scene!, overrides: [:]))?.views.first?.kind == .heatmap && step.scene!.options["mask"] != nil
        })
        s.go(to: step)
        send(&s, [.down, .character(">"), .character(">")])
        XCTAssertEqual(s.cursor, MatrixIndex(row: 1, column: 2))
        let info = infoLine(s)
        XCTAssertTrue(info.contains("(1,2)"), info)
        XCTAssertTrue(info.contains("masked"), "key 2 is ahead of query 1 under the causal mask: \(info)")
    }

    func testColourMapKeyCyclesAndRecolours() throws {
        var s = AppState(lessons: Self.lessons, depth: .direct)
        // Step 3 shows weights, which use the sequential map (signed scores use the diverging one).
        s.open(lesson: try lessonIndex("scaled-dot-product"), step: 2)
        let viridis = view(s, width: 120, height: 40)
        send(&s, [.character("c")])
        XCTAssertEqual(s.colorMap, .magma)
        let magma = view(s, width: 120, height: 40)
        XCTAssertEqual(viridis.text, magma.text, "the characters stay")
        XCTAssertNotEqual(viridis.cells.map(\.style), magma.cells.map(\.style), "the colours change")
        send(&s, [.character("c"), .character("c")])
        XCTAssertEqual(s.colorMap, .viridis)
    }

    func testPresenterHidesTheSolutionUntilRevealed() throws {
        var s = AppState(lessons: Self.lessons, presenter: true)
        let lessonIndex = try XCTUnwrap(Self.lessons.firstIndex { !lessonExercises($0).steps.isEmpty })
        let step = try XCTUnwrap(lessonExercises(Self.lessons[lessonIndex]).steps.first).stepIndex
        s.open(lesson: lessonIndex, step: step)
        if s.showingIntroduction { send(&s, [.right]) }
        send(&s, [.character("e")])
        let exercise = try XCTUnwrap(s.exercisePanel?.current)
        let answer = try XCTUnwrap(s.exerciseContext()).answer(exercise)
        let typed: String
        switch answer {
        case .array(_, let values): typed = values.map { "\($0)" }.joined(separator: ", ")
        case .bool(let b): typed = b ? "yes" : "no"
        case .token(_, let text): typed = text
        }
        send(&s, [.character("a")] + typed.map { Key.character($0) } + [.enter])
        XCTAssertEqual(s.exercisePanel?.solved, true, "\(s.exercisePanel?.lastCheck?.message ?? "")")
        XCTAssertEqual(s.pendingProgress.last?.solved, true, "a right answer is queued for saving")
        XCTAssertEqual(s.pendingProgress.last?.countsAsTry, true)
        XCTAssertFalse(view(s, width: 120, height: 40).text.contains("solution:"), "hidden on the projector")
        send(&s, [.character("r")])
        XCTAssertTrue(view(s, width: 120, height: 40).text.contains("solution:"), "revealed by r")
    }

    func testHintsAndUnreadableAnswersAreNotTries() throws {
        var s = AppState(lessons: Self.lessons)
        let (lessonIndex, step) = try XCTUnwrap(Self.lessons.indices.lazy.compactMap { i in
            lessonExercises(Self.lessons[i]).steps.first { $0.exercises.contains { !$0.hints.isEmpty && $0.kind == .number } }
                .map { (i, $0.stepIndex) }
        }.first)
        s.open(lesson: lessonIndex, step: step)
        if s.showingIntroduction { send(&s, [.right]) }
        send(&s, [.character("e")])
        while s.exercisePanel?.current.map({ $0.hints.isEmpty || $0.kind != .number }) == true { send(&s, [.character("e")]) }
        send(&s, [.character("a")] + "not a number".map { Key.character($0) } + [.enter])
        XCTAssertEqual(s.exercisePanel?.lastCheck?.verdict, .unreadable)
        XCTAssertNotNil(s.exercisePanel?.input, "an unreadable answer keeps the line open")
        XCTAssertEqual(s.exercisePanel?.tries, 0)
        XCTAssertTrue(s.pendingProgress.isEmpty, "nothing to save for an unreadable answer")
        send(&s, [.escape, .character("h")])
        XCTAssertEqual(s.exercisePanel?.hintsShown, 1)
        XCTAssertEqual(s.pendingProgress.map(\.countsAsTry), [false], "a hint is saved, but not as a try")
        let screen = view(s, width: 100, height: 30).text
        XCTAssertTrue(screen.contains("a answer · h hint ("), "the panel's keys stay apart:\n\(screen)")
        XCTAssertTrue(screen.contains("hint 1:"), screen)
    }

    func testTooSmallTerminalSaysSo() {
        let s = AppState(lessons: Self.lessons)
        let grid = view(s, width: 60, height: 20)
        XCTAssertTrue(grid.text.contains("terminal too small: need 80×24, have 60×20"), grid.text)
    }

    func testHelpListsEveryKeyAndAnyKeyClosesIt() {
        var s = AppState(lessons: Self.lessons)
        send(&s, [.character("?")])
        let text = view(s, width: 80, height: 24).text
        for (keys, _) in keyHelp { XCTAssertTrue(text.contains(keys), "help lacks \(keys)") }
        send(&s, [.character("x")])
        XCTAssertFalse(s.showHelp)
        XCTAssertFalse(s.wantsQuit)
    }

    func testScreenSnapshots() throws {
        var s = AppState(lessons: Self.lessons, depth: .ansi256)
        for (w, h) in snapshotSizes { assertGridSnapshots(view(s, width: w, height: h), named: "list-\(w)x\(h)") }
        s.open(lesson: try lessonIndex("scaled-dot-product"), step: 1)
        for (w, h) in snapshotSizes { assertGridSnapshots(view(s, width: w, height: h), named: "lesson-\(w)x\(h)") }
        s.presenter = true
        s.theme = .projector
        for (w, h) in snapshotSizes { assertGridSnapshots(view(s, width: w, height: h), named: "presenter-\(w)x\(h)") }
    }
}

/// `attn print`: a lesson rendered as text, snapshotted at the two widths handouts use.
final class LessonPrinterTests: XCTestCase {
    func testPrintSnapshotsAt80And120Columns() throws {
        let lesson = try XCTUnwrap(ExplorerStateTests.lessons.first { $0.id == "masked" })
        for width in [80, 120] {
            let text = lesson.steps.indices.map { renderStepText(lesson, step: $0, width: width, depth: .monochrome) }.joined()
            assertSnapshot(of: text, as: .lines, named: "masked-\(width)")
            XCTAssertFalse(text.contains("\u{1B}["), "monochrome output has no escape sequences")
            let longest = text.split(separator: "\n").map { columnWidth(of: $0) }.max() ?? 0
            XCTAssertLessThanOrEqual(longest, width, "no line is wider than --width")
        }
        let coloured = renderStepText(lesson, step: 0, width: 80, depth: .ansi256)
        XCTAssertTrue(coloured.contains("\u{1B}["), "colour output uses escape sequences")
    }
}
