import Foundation
import XCTest

/// The real `attn` binary in a real terminal (tmux), driven by key presses as a learner would.
final class ExplorerEndToEndTests: XCTestCase {
    /// The repository's Lessons folder, found from this file so the test runs from any directory.
    private var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    private func explorer(width: Int = 100, height: Int = 30, _ extra: [String] = []) throws -> TmuxSession {
        try TmuxSession.attn(["--lessons", lessonsDirectory] + extra, width: width, height: height, checkingTerminal: true)
    }

    func testOpenStepChangeControlResizeAndQuit() throws {
        let session = try explorer()
        try session.waitFor("attn — attention, step by step")
        // Third lesson: soft read.
        try session.send(keys: "j", "j", "Enter")
        try session.waitFor("Soft read")
        try session.waitFor("introduction · 6 steps")     // a lesson opens on its introduction
        try session.send(keys: "Right")
        try session.waitFor("step 1/6")
        try session.send(keys: "Right")
        try session.waitFor("step 2/6")
        // Jump to step 5, which has the temperature control.
        try session.type("5")
        try session.send(keys: "Enter")
        let before = try session.waitFor("temperature τ = 1 ")
        try session.send(keys: "+")      // τ steps on a 1–2–5 ladder
        let after = try session.waitFor("temperature τ = 2 ")
        XCTAssertNotEqual(weightLines(before), weightLines(after), "the softmax row must follow the temperature:\n\(TmuxSession.framed(after))")
        XCTAssertFalse(weightLines(after).isEmpty, TmuxSession.framed(after))
        // Below the minimum size, then back above it.
        try session.resize(width: 60, height: 20)
        try session.waitFor("terminal too small: need 80×24, have 60×20")
        try session.resize(width: 110, height: 32)
        try session.waitFor("temperature τ = 2 ")
        // Back to the list, then quit.
        try session.send(keys: "q")
        try session.waitFor("attn — attention, step by step")
        try session.send(keys: "q")
        XCTAssertEqual(try session.waitForExit(), 0)
        try session.waitFor("tty sane: yes")
        XCTAssertEqual(try session.terminalModes(), .restored)
    }

    func testCtrlCAndHelpAndStepJumps() throws {
        let session = try explorer()
        try session.waitFor("attn — attention, step by step")
        try session.send(keys: "Enter", "Right")
        try session.waitFor("step 1/3")
        try session.send(keys: "G")
        try session.waitFor("step 3/3")
        try session.send(keys: "g")
        try session.waitFor("step 1/3")
        try session.type("?")
        try session.waitFor("keys (any key closes)")
        try session.send(keys: "C-c")
        XCTAssertEqual(try session.waitForExit(), 130)   // Ctrl-C is SIGINT, even while busy: 128 + 2
        try session.waitFor("tty sane: yes")
        XCTAssertEqual(try session.terminalModes(), .restored)
    }

    func testSIGTERMRestoresTheTerminal() throws {
        let session = try explorer()
        try session.waitFor("attn — attention, step by step")
        // The terminal check is a bash wrapper; attn is its child.
        let bash = try session.commandPID()
        let children = try String(contentsOfFile: "/proc/\(bash)/task/\(bash)/children", encoding: .utf8)
        let attn = try XCTUnwrap(pid_t(children.split(separator: " ").first ?? ""), "attn is not running under \(bash)")
        XCTAssertEqual(kill(attn, SIGTERM), 0)
        XCTAssertEqual(try session.waitForExit(), 143)
        try session.waitFor("tty sane: yes")
        XCTAssertEqual(try session.terminalModes(), .restored)
    }

    func testWithoutATerminalListsLessonsAndPointsToPrint() throws {
        let r = try runAttn(["--lessons", lessonsDirectory])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("soft-read"), r.stdout)
        XCTAssertTrue(r.stdout.contains("attn print"), r.stdout)
    }

    func testNoColorGivesMonochromeShadesAndColourOtherwise() throws {
        for (environment, coloured) in [(["NO_COLOR": "1"], false), ([:], true)] {
            let session = try TmuxSession.attn(["--lessons", lessonsDirectory], environment: environment, checkingTerminal: true)
            try session.waitFor("attn — attention, step by step")
            try session.send(keys: "j", "j", "j", "Enter", "Right", "Right")   // scaled dot-product, step 2: a heatmap
            try session.waitFor("step 2/")
            let screen = try session.capture(escapes: true)
            let hasColour = screen.contains("[38;5;") || screen.contains("[48;5;") || screen.contains(";38;5;") || screen.contains(";48;5;")
            XCTAssertEqual(hasColour, coloured, "NO_COLOR=\(environment["NO_COLOR"] ?? "unset"):\n\(screen)")
            try session.send(keys: "C-c")
            XCTAssertEqual(try session.waitForExit(), 130)
        }
    }

    func testNonUTF8LocaleGetsAClearError() throws {
        let session = try TmuxSession.attn(["--lessons", lessonsDirectory], environment: ["LANG": "C", "LC_ALL": "C"], checkingTerminal: true)
        XCTAssertNotEqual(try session.waitForExit(), 0)
        let screen = try session.waitFor("tty sane: yes")
        XCTAssertTrue(screen.contains("UTF-8"), TmuxSession.framed(screen))
    }

    func testPresenterPublishesTheStepThatNotesFollow() throws {
        let runtime = FileManager.default.temporaryDirectory.appendingPathComponent("attn-present-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: runtime, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: runtime) }
        let session = try TmuxSession.attn(["present", "masked", "--lessons", lessonsDirectory, "--theme", "projector"],
                                           environment: ["XDG_RUNTIME_DIR": runtime.path], checkingTerminal: true)
        try session.waitFor("introduction · ")            // presenting opens on the introduction
        try session.send(keys: "Right")
        try session.waitFor("step 1/")
        try session.send(keys: "Right", "Right")
        try session.waitFor("step 3/")
        let file = runtime.appendingPathComponent("attn/presenter.json")
        let deadline = Date().addingTimeInterval(5)
        var published = ""
        while Date() < deadline {
            published = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
            if published.contains("\"step\": 3") { break }
            usleep(50_000)
        }
        XCTAssertTrue(published.contains("\"lesson\": \"masked\"") && published.contains("\"step\": 3"), published)
        try session.send(keys: "q")
        XCTAssertEqual(try session.waitForExit(), 0)
        try session.waitFor("tty sane: yes")
        let notes = try runAttn(["notes", "masked", "--step", "3", "--lessons", lessonsDirectory])
        XCTAssertEqual(notes.status, 0, notes.stderr)
        XCTAssertTrue(notes.stdout.contains("step 3/"), notes.stdout)
    }

    /// The lines of the softmax bars (they carry the block characters).
    private func weightLines(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.contains("█") || $0.contains("▏") || $0.contains("▌") }
    }
}
