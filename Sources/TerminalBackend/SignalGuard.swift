#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the run loop reads, so it can stop cleanly, and
/// makes sure the program ends within 100 ms of them whatever it is doing.
///
/// A signal handler may do almost nothing safely: it stores the signal number in a
/// `volatile sig_atomic_t` (through the C shim, since Swift has no volatile), writes one byte to
/// a pipe, and returns. The handlers are installed without SA_RESTART, so a `get_wch` waiting for
/// input returns at once and `Terminal.nextEvent` reports `.interrupted`.
///
/// The byte wakes a watchdog thread. If the run loop has not begun shutting down (`stop()`)
/// `shutdownGraceMilliseconds` after the signal (because it is busy in a long computation or
/// stuck), the watchdog restores the terminal with async-signal-safe calls and ends the process
/// with 128 + the signal number, the status a shell expects. Progress is saved after every
/// answer with an atomic rename, so ending here loses nothing.
///
/// Ctrl-Z (SIGTSTP) and SIGCONT only set flags: the run loop leaves full-screen mode, stops, and
/// on SIGCONT enters it again and redraws (`Terminal.suspend`).
///
/// They are installed before ncurses starts on purpose: ncurses only installs its own SIGINT,
/// SIGTERM and SIGTSTP handlers (which call `exit` or stop without our clean-up) where it finds
/// the default action.
///
/// A second stop signal while the first is still pending means the program is stuck: the
/// terminal is restored on the spot and the signal's default action ends the process.
public enum SignalGuard {
    /// The signals that ask the program to stop.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// How long the run loop has after a stop signal before the watchdog ends the process.
    /// The run loop reacts within a millisecond or two; 100 ms is the promise to the user.
    public static let shutdownGraceMilliseconds = 50

    /// The signal that arrived since `install()`, or nil.
    public static var pendingSignal: Int32? {
        let value = attn_load_signal(slot)
        return value == 0 ? nil : value
    }

    /// Whether Ctrl-Z (SIGTSTP) arrived since the last call; clears the request.
    static func takeSuspendRequest() -> Bool {
        guard attn_load_signal(suspendSlot) != 0 else { return false }
        attn_store_signal(suspendSlot, 0)
        return true
    }

    /// Whether SIGCONT arrived since the last call (the shell's `fg` after a stop); clears it.
    static func takeContinueNotice() -> Bool {
        guard attn_load_signal(continueSlot) != 0 else { return false }
        attn_store_signal(continueSlot, 0)
        return true
    }

    /// Installs the handlers and clears any earlier signal; calling it twice is harmless.
    public static func install() {
        attn_store_signal(slot, 0)
        attn_store_signal(suspendSlot, 0)
        attn_store_signal(continueSlot, 0)
        guard !installed else { return }
        Watchdog.start()
        for signal in signals {
            setHandler(signal, guardHandler, previous: previousActions + Int(signal), flags: Int32(SA_ONSTACK))
        }
        setHandler(SIGTSTP, suspendHandler, previous: previousActions + Int(SIGTSTP), flags: Int32(SA_ONSTACK))
        setHandler(SIGCONT, continueHandler, previous: previousActions + Int(SIGCONT), flags: Int32(SA_ONSTACK | SA_RESTART))
        installed = true
    }

    /// Puts back the actions that were there before `install()`; the pending signal stays readable.
    public static func uninstall() {
        guard installed else { return }
        for signal in signals + [SIGTSTP, SIGCONT] { sigaction(signal, previousActions + Int(signal), nil) }
        installed = false
    }

    /// From now on a stop signal that the run loop does not act on in time ends the process.
    static func armWatchdog() { attn_store_signal(Watchdog.armed, 1) }

    /// The run loop is shutting down (or the terminal was never full screen): the watchdog leaves it be.
    static func disarmWatchdog() { attn_store_signal(Watchdog.armed, 0) }

    // Allocated once and never freed: handlers read them, so they must outlive everything.
    nonisolated(unsafe) static let slot = makeSlot()
    nonisolated(unsafe) static let suspendSlot = makeSlot()
    nonisolated(unsafe) static let continueSlot = makeSlot()
    nonisolated(unsafe) static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static var installed = false

    static func makeSlot() -> UnsafeMutablePointer<sig_atomic_t> {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }
}

private let guardHandler: @convention(c) (Int32) -> Void = { signal in
    if attn_load_signal(SignalGuard.slot) != 0 {
        EmergencyRestore.restoreFromSignalHandler()
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)  // a zeroed action is SIG_DFL
        raise(signal)  // blocked until this handler returns, then the default action ends us
        return
    }
    attn_store_signal(SignalGuard.slot, signal)
    Watchdog.notify(signal)
}

private let suspendHandler: @convention(c) (Int32) -> Void = { _ in
    attn_store_signal(SignalGuard.suspendSlot, 1)
}

private let continueHandler: @convention(c) (Int32) -> Void = { _ in
    attn_store_signal(SignalGuard.continueSlot, 1)
}

/// Installs `handler` for `signal` without SA_RESTART, saving the old action in `previous`.
func setHandler(
    _ signal: Int32, _ handler: @convention(c) (Int32) -> Void, previous: UnsafeMutablePointer<sigaction>, flags: Int32 = 0
) {
    var action = sigaction()
    #if canImport(Glibc)
    action.__sigaction_handler.sa_handler = handler
    #else
    action.__sigaction_u.__sa_handler = handler
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = flags
    sigaction(signal, &action, previous)
}
