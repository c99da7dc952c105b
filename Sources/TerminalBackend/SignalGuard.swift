#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the run loop reads, so it can stop cleanly.
///
/// A signal handler may do almost nothing safely: it stores the signal number in a
/// `volatile sig_atomic_t` (through the C shim, since Swift has no volatile) and returns. The
/// handlers are installed without SA_RESTART, so a `get_wch` waiting for input returns at once
/// and `Terminal.nextEvent` reports `.interrupted`.
///
/// They are installed before ncurses starts on purpose: ncurses only installs its own SIGINT and
/// SIGTERM handlers (which call `exit`, skipping our clean-up) where it finds the default action.
///
/// A second signal while the first is still pending means the program is stuck: the terminal
/// is restored on the spot and the signal's default action ends the process.
public enum SignalGuard {
    /// The signals that ask the program to stop.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// The signal that arrived since `install()`, or nil.
    public static var pendingSignal: Int32? {
        let value = attn_load_signal(slot)
        return value == 0 ? nil : value
    }

    /// Installs the handlers and clears any earlier signal; calling it twice is harmless.
    public static func install() {
        attn_store_signal(slot, 0)
        guard !installed else { return }
        for signal in signals {
            setHandler(signal, guardHandler, previous: previousActions + Int(signal))
        }
        installed = true
    }

    /// Puts back the actions that were there before `install()`; the pending signal stays readable.
    public static func uninstall() {
        guard installed else { return }
        for signal in signals { sigaction(signal, previousActions + Int(signal), nil) }
        installed = false
    }

    // Allocated once and never freed: handlers read them, so they must outlive everything.
    nonisolated(unsafe) static let slot: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return pointer
    }()
    nonisolated(unsafe) private static let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    nonisolated(unsafe) private static var installed = false
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
