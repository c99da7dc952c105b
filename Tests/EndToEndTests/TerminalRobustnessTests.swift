import Foundation
import XCTest

/// However the explorer ends (a signal, a crash, a stack overflow, a hang and Ctrl-C) the
/// terminal is given back: main screen, cursor visible, echo and canonical input on. Ctrl-Z
/// suspends and `fg` resumes; a busy explorer still ends within 100 ms; and a key-mash soak with
/// resizes neither crashes, hangs nor grows.
final class TerminalRobustnessTests: XCTestCase {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons").path
    static let title = "attn — attention, step by step"

    /// The explorer under the terminal check, with its own progress folder and `environment` added.
    private func explorer(_ environment: [String: String] = [:]) throws -> TmuxSession {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("attn-robust-state-\(UUID().uuidString.prefix(8))")
        addTeardownBlock { try? FileManager.default.removeItem(at: state) }
        // Swift's crash reporter waits 30 s for a key on a terminal unless told not to.
        let fixed = ["XDG_STATE_HOME": state.path, "SWIFT_BACKTRACE": "interactive=no"]
        // tmux starts panes with SIGQUIT ignored, and attn leaves an ignored signal ignored (as a
        // shell's background job expects); `env --default-signal` gives it the default a terminal
        // shell gives its jobs, so Ctrl-\ and kill -QUIT mean what they mean there.
        let command = ["/usr/bin/env", "--default-signal=QUIT", try TmuxSession.attnBinary().path, "--lessons", Self.lessons]
        return try TmuxSession(command: TmuxSession.withTerminalCheck(command), environment: environment.merging(fixed) { a, _ in a })
    }

    /// attn itself: the child of the terminal-check shell, which is the child of the pane's wrapper.
    private func attnPID(_ session: TmuxSession) throws -> pid_t {
        let shell = try session.commandPID()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
            if let pid = children.split(separator: " ").first.flatMap({ pid_t($0) }) { return pid }
            usleep(10_000)
        }
        throw TmuxSession.Failure(description: "attn is not running under \(shell)")
    }

    /// Whether `pid` has ended (gone, or a zombie waiting for its parent).
    private func hasEnded(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
        let state = stat.split(separator: ")").last?.split(separator: " ").first
        return state == "Z" || state == "X"
    }

    /// Seconds from now until `pid` ends, polled every millisecond, up to `timeout`.
    private func secondsUntilEnded(_ pid: pid_t, since start: Date, timeout: TimeInterval = 10) -> TimeInterval? {
        while Date().timeIntervalSince(start) < timeout {
            if hasEnded(pid) { return Date().timeIntervalSince(start) }
            usleep(1_000)
        }
        return nil
    }

    private func assertRestored(_ session: TmuxSession, _ what: String, line: UInt = #line) throws {
        let screen = try session.waitFor("tty sane: yes", timeout: 30)
        XCTAssertEqual(try session.terminalModes(), .restored, "\(what):\n\(TmuxSession.framed(screen))", line: line)
    }

    /// Waits until attn is spinning in the injected hang (state R, CPU time growing).
    private func waitUntilBusy(_ pid: pid_t) throws {
        func cpu() -> Int {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return 0 }
            let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
            return fields.count > 12 ? (Int(fields[11]) ?? 0) + (Int(fields[12]) ?? 0) : 0   // utime + stime
        }
        let start = cpu()
        let deadline = Date().addingTimeInterval(10)
        while cpu() < start + 10 {   // 10 clock ticks, about 100 ms of CPU
            guard Date() < deadline else { throw TmuxSession.Failure(description: "attn never got busy") }
            usleep(10_000)
        }
    }

    func testEverySignalRestoresTheTerminal() throws {
        let signals: [(Int32, String)] = [
            (SIGSEGV, "SIGSEGV"), (SIGBUS, "SIGBUS"), (SIGILL, "SIGILL"), (SIGABRT, "SIGABRT"), (SIGFPE, "SIGFPE"),
            (SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP"), (SIGQUIT, "SIGQUIT"),
        ]
        for (signal, name) in signals {
            let session = try explorer()
            try session.waitFor(Self.title)
            XCTAssertEqual(kill(try attnPID(session), signal), 0, name)
            XCTAssertEqual(try session.waitForExit(timeout: 30), 128 + signal, "\(name):\n\(TmuxSession.framed((try? session.capture()) ?? ""))")
            try assertRestored(session, name)
        }
    }

    func testAStackOverflowRestoresTheTerminal() throws {
        let session = try explorer(["ATTN_TEST_FAULT": "stack-overflow"])
        try session.waitFor(Self.title)
        try session.send(keys: "F12")
        XCTAssertEqual(try session.waitForExit(timeout: 60), 128 + SIGSEGV)
        try assertRestored(session, "stack overflow")
    }

    /// The promise of issue 10: Ctrl-C and SIGTERM end attn within 100 ms, even when it is stuck
    /// in a computation that never returns. Measured from the signal to the process's end.
    func testABusyExplorerEndsWithin100Milliseconds() throws {
        var figures: [String] = []
        for (how, busy) in [("SIGTERM", false), ("SIGTERM", true), ("Ctrl-C", true)] {
            let session = try explorer(["ATTN_TEST_FAULT": "hang"])
            try session.waitFor(Self.title)
            let pid = try attnPID(session)
            if busy {
                try session.send(keys: "F12")
                try waitUntilBusy(pid)
            }
            let start = Date()
            if how == "Ctrl-C" { try session.send(keys: "C-c") } else { XCTAssertEqual(kill(pid, SIGTERM), 0) }
            let elapsed = try XCTUnwrap(secondsUntilEnded(pid, since: start), "\(how) did not end attn")
            figures.append("\(how)\(busy ? " while busy" : " while idle"): \(Int((elapsed * 1000).rounded())) ms")
            XCTAssertLessThan(elapsed, 0.1, "\(how), busy: \(busy)")
            XCTAssertEqual(try session.waitForExit(), how == "Ctrl-C" ? 130 : 143)
            try assertRestored(session, how)
        }
        print("interrupt latency: " + figures.joined(separator: ", "))
    }

    /// tmux sends Home and End as `ESC [ 1 ~` and `ESC [ 4 ~`, which xterm-256color's terminfo
    /// does not list; they used to arrive as Esc, which quits the lesson list.
    func testHomeAndEndAsTmuxSendsThemMoveInsteadOfQuitting() throws {
        let session = try explorer()
        try session.waitFor(Self.title)
        try session.send(keys: "Home", "End")
        try session.send(keys: "Enter")
        try session.waitFor("introduction · ")
        try session.send(keys: "Right")                   // past the lesson's introduction
        try session.waitFor("step 1/")
        try session.send(keys: "End")
        let screen = try session.waitUntil(description: "the last step") { screen in
            guard let line = screen.split(separator: "\n").first(where: { $0.contains("step ") }),
                  let range = line.range(of: #"step (\d+)/(\d+)"#, options: .regularExpression) else { return false }
            let parts = line[range].dropFirst(5).split(separator: "/")
            return parts.count == 2 && parts[0] == parts[1]
        }
        XCTAssertNil(session.exitStatus, TmuxSession.framed(screen))
        try session.send(keys: "Home")
        try session.waitFor("step 1/")
        try session.send(keys: "q", "q")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testCtrlZSuspendsAndFgResumes() throws {
        let session = try TmuxSession(command: ["/bin/bash", "--norc", "--noprofile", "-i"], environment: ["PS1": "$ "])
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("attn-robust-state-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }
        try session.waitFor("$")
        let attn = try TmuxSession.attnBinary().path
        try session.type("XDG_STATE_HOME=\(state.path) \(attn) --lessons \(Self.lessons)")
        try session.send(keys: "Enter")
        try session.waitFor(Self.title)
        try session.send(keys: "Enter", "Right")          // past the lesson's introduction
        try session.waitFor("step 1/")

        try session.send(keys: "C-z")
        try session.waitFor("Stopped")
        XCTAssertEqual(try session.terminalModes(), .restored, "suspended: the shell gets its terminal back")
        try session.type("stty -a | tr ' ' '\\n' | grep -xE 'icanon|echo' | tr '\\n' ,; echo")
        try session.send(keys: "Enter")
        try session.waitFor("icanon,echo,")

        try session.type("fg")
        try session.send(keys: "Enter")
        let screen = try session.waitFor("step 1/")
        XCTAssertEqual(try session.format("#{alternate_on}"), "1", TmuxSession.framed(screen))
        try session.send(keys: "Right")
        try session.waitFor("step 2/")   // keys work again after the resume
        try session.send(keys: "q", "q")
        try session.waitFor("$ ", timeout: 10)
        try session.type("echo \"[attn exited $?]\"")   // fg returns the job's status
        try session.send(keys: "Enter")
        try session.waitFor("[attn exited 0]")
        XCTAssertEqual(try session.terminalModes(), .restored)
    }

    /// Random keys with resizes; after every 100 keys a resize below the minimum size must be
    /// answered with the "terminal too small" screen naming the new size, which proves that attn
    /// is alive and has handled everything before it. RSS may not grow by more than 25 MB.
    /// 2,000 keys by default; `ATTN_SOAK_KEYS=10000` (scripts/soak.sh) runs the long soak.
    func testKeyMashSoak() throws {
        let count = Int(ProcessInfo.processInfo.environment["ATTN_SOAK_KEYS"] ?? "") ?? 2000
        let keys = ["j", "k", "l", "h", "Enter", "Right", "Left", "Up", "Down", "g", "G", "]", "[", "+", "-", "=", "_",
                    "<", ">", ",", ".", "p", "P", "e", "a", "s", "r", "c", "?", "Tab", "BTab", "PageUp", "PageDown",
                    "Home", "End", "1", "2", "3", "9", "0", "x", "z", "Space", "BSpace", "C-a", "C-l", "é", "ж"]
        let session = try explorer()
        try session.waitFor(Self.title)
        let pid = try attnPID(session)
        var generator = SplitMix(seed: 10)
        var baseline: Int?
        var peak = 0
        var sent = 0
        while sent < count {
            let batch = (0..<20).map { _ in keys[Int(generator.next() % UInt64(keys.count))] }
            try session.send(keys: batch)
            sent += batch.count
            guard sent % 100 == 0 else { continue }
            // Alive and responsive: a too-small size must show up on screen, with the size.
            // (At most 79 wide but wide enough for the whole message.)
            let w = 50 + Int(generator.next() % 30), h = 10 + Int(generator.next() % 13)
            try session.resize(width: w, height: h)
            try session.waitFor("have \(w)×\(h)", timeout: 20)
            try session.resize(width: 80 + Int(generator.next() % 81), height: 24 + Int(generator.next() % 27))
            XCTAssertNil(session.exitStatus, "attn exited after \(sent) keys")
            let rss = residentKiB(pid)
            peak = max(peak, rss)
            if baseline == nil && sent >= 200 { baseline = rss }
        }
        let start = try XCTUnwrap(baseline)
        let end = residentKiB(pid)
        print("soak: \(sent) keys, \(sent / 100) resizes, RSS \(start / 1024) MB after 200 keys, \(end / 1024) MB at the end, peak \(peak / 1024) MB")
        XCTAssertLessThan(end - start, 25 * 1024, "RSS grew from \(start) KiB to \(end) KiB")
        try session.send(keys: "Escape", "Escape", "Escape", "q", "q", "q")
        XCTAssertEqual(try session.waitForExit(), 0)
        try assertRestored(session, "soak")
    }

    private func residentKiB(_ pid: pid_t) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// A small seeded generator, so the soak sends the same keys every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
