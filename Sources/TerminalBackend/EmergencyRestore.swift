#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// Best-effort terminal restoration for exits that skip `Terminal.stop()`: a crash, a second
/// SIGTERM, or `exit()` called from deep inside the program.
///
/// `endwin()` is not async-signal-safe, so this does what it does with calls that are: `write`
/// the terminfo strings that leave the alternate screen, reset attributes, show the cursor and
/// turn keypad mode off (looked up while ncurses was healthy), and `tcsetattr` the terminal
/// modes saved before ncurses changed them. After restoring, a fatal signal's previous action
/// (the default, or Swift's backtracer) runs as if we had never been there.
enum EmergencyRestore {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Saves the terminal modes of standard input; call before ncurses touches them.
    static func saveTerminalModes() {
        hasSavedModes = tcgetattr(STDIN_FILENO, savedModes) == 0
    }

    /// Arms restoration with `resetSequence`, and installs the fatal-signal and exit hooks.
    static func arm(resetSequence: [UInt8]) {
        let count = min(resetSequence.count, sequenceCapacity)
        for i in 0..<count { sequence[i] = resetSequence[i] }
        sequenceCount = count
        if !exitHookRegistered {
            atexit { EmergencyRestore.restoreFromSignalHandler() }
            exitHookRegistered = true
        }
        for signal in fatalSignals {
            setHandler(signal, fatalHandler, previous: previousActions + Int(signal))
        }
        attn_store_signal(armed, 1)
    }

    /// Disarms restoration after a clean `endwin()`, and gives the fatal signals back.
    static func disarm() {
        guard attn_load_signal(armed) != 0 else { return }
        attn_store_signal(armed, 0)
        for signal in fatalSignals { sigaction(signal, previousActions + Int(signal), nil) }
    }

    /// Restores the terminal if armed, using only async-signal-safe calls; runs at most once.
    static func restoreFromSignalHandler() {
        guard attn_load_signal(armed) != 0 else { return }
        attn_store_signal(armed, 0)
        if sequenceCount > 0 { _ = write(STDOUT_FILENO, sequence, sequenceCount) }
        if hasSavedModes { tcsetattr(STDIN_FILENO, TCSANOW, savedModes) }
    }

    /// The terminfo strings that undo full-screen mode, in the order `endwin()` sends them.
    static func resetSequence(lookup: (String) -> [UInt8]?) -> [UInt8] {
        ["sgr0", "cnorm", "rmkx", "rmcup"].flatMap { lookup($0) ?? [] }
    }

    // Allocated once and never freed, so handlers never see them half-built.
    private static let sequenceCapacity = 256
    nonisolated(unsafe) private static let sequence = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
    nonisolated(unsafe) private static var sequenceCount = 0
    nonisolated(unsafe) private static let savedModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static var hasSavedModes = false
    nonisolated(unsafe) private static var exitHookRegistered = false
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static let armed: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()

    fileprivate static func previousAction(_ signal: Int32) -> UnsafeMutablePointer<sigaction> {
        previousActions + Int(signal)
    }
}

private let fatalHandler: @convention(c) (Int32) -> Void = { signal in
    EmergencyRestore.restoreFromSignalHandler()
    // Put the old action back and re-raise: the signal is blocked until we return, then the
    // default action (or the backtracer) sees it as if it had come first.
    sigaction(signal, EmergencyRestore.previousAction(signal), nil)
    raise(signal)
}
