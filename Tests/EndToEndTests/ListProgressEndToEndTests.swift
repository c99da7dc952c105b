import Foundation
import LessonEngine
import XCTest

/// The lesson list in the real binary: steps seen survive a restart, End/Home jump, and the
/// `•` changed-cell marks fade by themselves.
final class ListProgressEndToEndTests: XCTestCase {
    private var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    func testStepsSeenSurviveARestartAndEndJumpsToTheLastLesson() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("attn-list-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        let lessons = lessonFiles(in: URL(fileURLWithPath: lessonsDirectory)).compactMap { loadLesson(at: $0).lesson }.sorted { $0.order < $1.order }
        let final = try XCTUnwrap(lessons.last)
        // The one before the last: the last may need trained models, which this test does not.
        let last = lessons[lessons.count - 2]
        let environment = ["XDG_STATE_HOME": state.path]

        let first = try TmuxSession.attn(["--lessons", lessonsDirectory], width: 80, height: 24, environment: environment, checkingTerminal: true)
        try first.waitFor("attn — attention, step by step")
        try first.send(keys: "End")
        try first.waitFor("▶ \(String(format: "%02d", final.order)) \(final.title)")
        try first.send(keys: "Up")
        try first.waitFor("▶ \(String(format: "%02d", last.order)) \(last.title)")
        try first.send(keys: "Enter")
        try first.waitFor("introduction · \(last.steps.count) steps")
        try first.send(keys: "Right", "Right", "Right")
        try first.waitFor("step 3/\(last.steps.count)")
        try first.send(keys: "q")
        let list = try first.waitFor("3/\(last.steps.count) steps")
        XCTAssertTrue(list.contains("▶ \(String(format: "%02d", last.order))"), "back on the lesson it came from\n\(TmuxSession.framed(list))")
        try first.send(keys: "Home")
        try first.waitFor("▶ 01")
        try first.send(keys: "q")
        XCTAssertEqual(try first.waitForExit(), 0)

        // A new run, in Russian, at the large size: the same count, read from the progress file.
        let second = try TmuxSession.attn(["--lessons", lessonsDirectory, "--lang", "ru"], width: 160, height: 48, environment: environment, checkingTerminal: true)
        let screen = try second.waitFor("пройдено 3/\(last.steps.count)")
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("пройдено 3/") })
        XCTAssertTrue(row.contains(String(format: "%02d", last.order)), "the count is on that lesson's line: \(row)")
        try second.send(keys: "q")
        XCTAssertEqual(try second.waitForExit(), 0)
        let saved = try ProgressStore(directory: state.appendingPathComponent("attn")).load().data
        XCTAssertEqual(saved.stepsSeen[last.id], [0, 1, 2])
        // `attn progress` says so too.
        let report = try runAttn(["progress", "--lessons", lessonsDirectory], environment: environment)
        let line = try XCTUnwrap(report.stdout.split(separator: "\n").first { $0.hasPrefix(last.id) }, report.stdout)
        XCTAssertTrue(line.hasSuffix("0/\(lessonExercises(last).steps.reduce(0) { $0 + $1.exercises.count }) exercises solved · 3/\(last.steps.count) steps seen"), String(line))
    }

    func testTheChangedMarksFadeWithoutAKey() throws {
        let session = try TmuxSession.attn(["--lessons", lessonsDirectory], width: 160, height: 48, checkingTerminal: true)
        try session.waitFor("attn — attention, step by step")
        let masked = try XCTUnwrap(lessonFiles(in: URL(fileURLWithPath: lessonsDirectory)).compactMap { loadLesson(at: $0).lesson }
            .sorted { $0.order < $1.order }.firstIndex { $0.id == "masked" })
        try session.send(keys: Array(repeating: "Down", count: masked) + ["Enter", "Right"])
        try session.waitFor("step 1/")
        try session.type("3")
        try session.send(keys: "Enter")
        try session.waitFor("step 3/")
        try session.type("+")
        try session.waitFor("• changed")
        let marked = Date()
        let faded = try session.waitUntil(timeout: 6, description: "the • marks to fade") { !$0.contains("•") }
        let waited = Date().timeIntervalSince(marked)
        XCTAssertGreaterThan(waited, 0.5, "the marks stay long enough to see\n\(TmuxSession.framed(faded))")
        XCTAssertTrue(faded.contains("step 3/"), "still on the step, nothing else changed")
        try session.send(keys: "q", "q")
        XCTAssertEqual(try session.waitForExit(), 0)
    }
}
