import Foundation
import XCTest

/// A program running in a detached tmux session of a fixed size, driven like a person would.
///
/// Each session has its own tmux server (its own socket in its own temporary directory), so
/// tests can run side by side and never meet a developer's tmux. The program starts with a
/// fixed environment (LANG=C.UTF-8, TERM=xterm-256color, PATH, HOME, plus what the test adds),
/// so a developer's NO_COLOR or LC_ALL cannot change what a test sees.
///
/// The command runs under a small `sh` wrapper that, when it exits, writes its status to a file
/// and then sleeps, keeping the pane alive. Both work around tmux 3.3a: it sometimes never reaps
/// a pane's process and so never learns its status (about 1 run in 10 here), and when a pane dies
/// it scrolls the screen a line to say so and marks the cursor hidden, which would hide what the
/// program left behind.
/// Everything waits by polling every 50 ms up to a timeout; nothing sleeps a fixed time.
final class TmuxSession {
    /// An error that names what was expected and shows the screen as it was.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let width: Int
    let height: Int
    /// The session's name, which is also the `-t` target of every command.
    let target = "attn-test"

    private let tmuxPath: String
    private let socketName: String
    private let directory: URL
    private let environment: [String: String]
    private var killed = false

    /// Starts `command` (an executable and its arguments, run without a shell) in a
    /// `width` × `height` pane, with `environment` added to the fixed one.
    init(command: [String], width: Int = 100, height: Int = 30, environment extra: [String: String] = [:]) throws {
        precondition(!command.isEmpty, "TmuxSession needs a command")
        tmuxPath = try Self.requireTmux()
        self.width = width
        self.height = height
        // Short names: tmux sockets live under TMUX_TMPDIR and a socket path must fit 108 bytes.
        let id = String(UUID().uuidString.prefix(8))
        socketName = "attn-\(id)"
        directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("attn-tmux-\(id)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "HOME": ProcessInfo.processInfo.environment["HOME"] ?? "/tmp",
            "LANG": "C.UTF-8",
            "TERM": "xterm-256color",
            "TMUX_TMPDIR": directory.path,
        ]
        environment.merge(extra) { _, new in new }
        self.environment = environment

        // Read when the server starts: a pane the size of the window (no status line), kept if
        // the wrapper is killed anyway, with TERM as the program should see it.
        let configuration = """
            set-option -g status off
            set-option -g remain-on-exit on
            set-option -g default-terminal "\(environment["TERM"] ?? "xterm-256color")"
            set-option -g history-limit 2000
            """
        try configuration.write(to: configFile, atomically: true, encoding: .utf8)
        try tmux([
            "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height),
            "-c", FileManager.default.currentDirectoryPath, "--",
            // The wrappers ignore Ctrl-C and Ctrl-Z: the terminal sends those signals to the
            // whole foreground process group, and the wrappers must outlive the program to report.
            "/bin/sh", "-c", #"trap '' INT TSTP; status_file=$1; shift; "$@"; echo "$?" > "$status_file"; exec sleep 2147483647"#,
            "attn-tmux-wrapper", statusFile.path,
        ] + command)
    }

    deinit { kill() }

    private var configFile: URL { directory.appendingPathComponent("tmux.conf") }
    private var statusFile: URL { directory.appendingPathComponent("status") }

    // MARK: Driving

    /// Sends tmux key names: "Right", "Enter", "Escape", "C-c", "PageDown", "BTab", "F1", "q".
    func send(keys: String...) throws { try send(keys: keys) }

    /// Sends tmux key names, in order.
    func send(keys: [String]) throws {
        try tmux(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally, character by character (no key-name lookup).
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", target, "-l", "--", text])
    }

    /// Resizes the window (and so the pane) and waits until tmux reports the new size.
    ///
    /// tmux tells the program (TIOCSWINSZ, then SIGWINCH) a moment later: wait for what the
    /// program draws at the new size, not for this to return.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
        try waitUntil(description: "pane size \(width)x\(height)") { _ in
            (try? self.format("#{pane_width}x#{pane_height}")) == "\(width)x\(height)"
        }
    }

    // MARK: Reading

    /// The visible screen as text, one line per row; with `escapes`, colours and attributes as
    /// SGR escape sequences too.
    func capture(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// Runs any other tmux command on this session's server (`-t attn-test` is up to you).
    @discardableResult
    func run(tmux arguments: [String]) throws -> String {
        try tmux(arguments)
    }

    /// A tmux format expanded for the pane, e.g. "#{alternate_on}" or "#{cursor_x},#{cursor_y}".
    func format(_ format: String) throws -> String {
        try tmux(["display-message", "-p", "-t", target, format])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen contains `text`, and returns the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitUntil(timeout: timeout, description: "screen to contain \(text.debugDescription)") {
            $0.contains(text)
        }
    }

    /// Waits until `predicate` holds for the screen, and returns the screen.
    ///
    /// On timeout the error shows the last screen, so a failing test says what it saw.
    @discardableResult
    func waitUntil(
        timeout: TimeInterval = 10, description: String = "condition",
        _ predicate: (String) throws -> Bool
    ) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while true {
            screen = (try? capture()) ?? screen
            if try predicate(screen) { return screen }
            if Date() >= deadline { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: """
            Timed out after \(timeout) s waiting for \(description). Last screen:
            \(Self.framed(screen))
            """)
    }

    /// Whether the command is still running (false once it exited or the session is gone).
    var isRunning: Bool {
        exitStatus == nil && (try? format("#{pane_dead}")) == "0"
    }

    /// The command's exit status once it has exited (128 + n if signal n ended it), else nil.
    var exitStatus: Int32? {
        guard let text = try? String(contentsOf: statusFile, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits for the command to exit and returns its status (128 + n if signal n ended it).
    @discardableResult
    func waitForExit(timeout: TimeInterval = 10) throws -> Int32 {
        var status: Int32?
        try waitUntil(timeout: timeout, description: "the command to exit") { _ in
            status = self.exitStatus
            return status != nil
        }
        return status!
    }

    /// The process id of the command itself (the child of the wrapper shell), while it runs.
    func commandPID() throws -> pid_t {
        let wrapper = try format("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(wrapper)/task/\(wrapper)/children", encoding: .utf8)) ?? ""
        guard let first = children.split(separator: " ").first, let pid = pid_t(first) else {
            throw Failure(description: "the command (child of pane process \(wrapper)) is not running")
        }
        return pid
    }

    /// Sends `signal` (SIGTERM, SIGHUP…) to the command, as `kill` from another shell would.
    func signal(_ signal: Int32) throws {
        let pid = try commandPID()
        guard sendSignal(signal, to: pid) == 0 else {
            throw Failure(description: "kill(\(pid), \(signal)) failed: \(String(cString: strerror(errno)))")
        }
    }

    /// What full-screen mode leaves behind, read from tmux's own view of the pane.
    struct TerminalModes: Equatable, CustomStringConvertible {
        var alternateScreen: Bool
        var cursorVisible: Bool
        var keypadCursorKeys: Bool

        /// A terminal as a shell expects it: main screen, visible cursor, normal cursor keys.
        static let restored = TerminalModes(alternateScreen: false, cursorVisible: true, keypadCursorKeys: false)

        var description: String {
            "alternate screen \(alternateScreen ? "on" : "off"), cursor \(cursorVisible ? "visible" : "hidden"),"
                + " keypad cursor keys \(keypadCursorKeys ? "on" : "off")"
        }
    }

    /// The pane's screen modes now (after the command exited: as the command left them, since
    /// the wrapper keeps the pane alive).
    func terminalModes() throws -> TerminalModes {
        let flags = try format("#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}").split(separator: " ")
        guard flags.count == 3 else { throw Failure(description: "unexpected pane flags: \(flags)") }
        return TerminalModes(alternateScreen: flags[0] == "1", cursorVisible: flags[1] == "1", keypadCursorKeys: flags[2] == "1")
    }

    /// Wraps `command` in a shell that, after it exits, prints a line such as
    /// `[exit 0, tty sane: yes]` (echo and canonical input back on) and exits with its status.
    ///
    /// The tty's line discipline dies with the pane, so this is the only way to see whether the
    /// program gave the terminal modes back.
    static func withTerminalCheck(_ command: [String]) -> [String] {
        let script = """
            trap '' INT TSTP
            "$@"; status=$?
            if stty -a | grep -Eq '(^|[[:space:]])-(icanon|echo|isig)([[:space:]]|;|$)'; then sane=no; else sane=yes; fi
            printf '\\n[exit %s, tty sane: %s]\\n' "$status" "$sane"
            exit "$status"
            """
        return ["/bin/bash", "-c", script, "attn-check"] + command
    }

    /// Stops the tmux server and deletes its directory; also runs in deinit.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Running tmux

    /// Runs one tmux command against this session's server and returns what it printed.
    ///
    /// Spawned with posix_spawn and waited for with waitpid rather than Foundation's `Process`:
    /// on Linux `Process.waitUntilExit` can miss the exit of the tmux client that forks the
    /// server, and hang. Output goes to files in the session's directory, not pipes, so the
    /// server (which keeps inherited descriptors) can never hold a pipe open.
    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let output = directory.appendingPathComponent("out").path
        let errors = directory.appendingPathComponent("err").path
        let status = try Self.spawnAndWait(
            [tmuxPath, "-L", socketName, "-f", configFile.path] + arguments,
            environment: environment, output: output, errors: errors)
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let message = ((try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(message)")
        }
        return printed
    }

    /// Runs `command` with stdin from /dev/null and stdout, stderr into the named files;
    /// returns its exit status (128 + n for signal n).
    private static func spawnAndWait(
        _ command: [String], environment: [String: String], output: String, errors: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = command.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(command[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure(description: "waitpid failed: \(String(cString: strerror(errno)))") }
        }
        // The wait status: low 7 bits are the signal (0 for a normal exit), bits 8–15 the status.
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// The screen between rulers, so blank lines and trailing spaces show in a failure message.
    static func framed(_ screen: String) -> String {
        let ruler = String(repeating: "─", count: 40)
        return "\(ruler)\n\(screen)\(screen.hasSuffix("\n") ? "" : "\n")\(ruler)"
    }
}

// MARK: Finding tmux and the binary under test

extension TmuxSession {
    /// The tmux executable; a skip on a developer's machine without tmux, a failure under CI.
    ///
    /// CI must run the end-to-end tests: a skipped one there would hide a broken explorer.
    static func requireTmux() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        let message = "tmux is not installed (apt-get install tmux); the end-to-end tests need it"
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty {
            throw Failure(description: message + ", and CI must run them")
        }
        throw XCTSkip(message)
    }

    /// The `attn` executable under test.
    ///
    /// ATTN_BINARY wins; then the products directory that holds this test bundle, where
    /// `swift test` builds `attn` (whatever `--scratch-path` says); then `.build/debug/attn`
    /// beside the package. A missing binary is always a failure: the build should have made it.
    static func attnBinary(file: StaticString = #filePath) throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["ATTN_BINARY"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else {
                throw Failure(description: "ATTN_BINARY=\(override) is not an executable file")
            }
            return URL(fileURLWithPath: override)
        }
        let packageRoot = URL(fileURLWithPath: "\(file)")
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var directories = [
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle(for: TmuxSession.self).bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent(),
        ]
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("attn")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate.path)
            {
                return candidate.standardizedFileURL
            }
        }
        throw Failure(description: """
            cannot find the attn executable; looked in:
            \(directories.map { "  \($0.path)" }.joined(separator: "\n"))
            build it (swift build) or set ATTN_BINARY
            """)
    }

    /// A session running the `attn` binary under test with `arguments`.
    static func attn(
        _ arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:],
        checkingTerminal: Bool = false
    ) throws -> TmuxSession {
        let command = [try attnBinary().path] + arguments
        return try TmuxSession(
            command: checkingTerminal ? withTerminalCheck(command) : command,
            width: width, height: height, environment: environment)
    }
}

/// `kill(2)`, out of reach inside `TmuxSession`, whose own `kill()` hides it.
private func sendSignal(_ signal: Int32, to pid: pid_t) -> Int32 {
    kill(pid, signal)
}
