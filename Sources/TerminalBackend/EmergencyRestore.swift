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
///
/// The handlers run on an alternate signal stack (`sigaltstack`, SA_ONSTACK): a stack overflow
/// raises SIGSEGV with no stack left to run a handler on, and without its own stack the handler
/// would fault too and leave the terminal on the alternate screen, the cursor hidden, in raw mode.
/// SIGQUIT (Ctrl-\) is among them: its default action dumps core without restoring anything.
enum EmergencyRestore {
    static let fatalSignals: [Int32] = [SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    /// Size of the alternate signal stack: the handler needs little, the backtracer that may run
    /// after it more, so this is generous (glibc's SIGSTKSZ is 8 KiB on x86-64).
    static let signalStackBytes = 256 * 1024

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
        installSignalStack()
        for signal in fatalSignals where !isIgnored(signal) {
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_sigaction = fatalHandler
            #else
            action.__sigaction_u.__sa_sigaction = fatalHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_ONSTACK | SA_SIGINFO)
            sigaction(signal, &action, previousActions + Int(signal))
        }
        attn_store_signal(armed, 1)
    }

    /// Gives the calling (main) thread an alternate signal stack, unless it has one already.
    ///
    /// Allocated once and never freed: it must outlive every handler that may run on it.
    static func installSignalStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0 else { return }
        if current.ss_flags & Int32(SS_DISABLE) == 0 && current.ss_size >= signalStackBytes { return }
        guard let memory = malloc(signalStackBytes) else { return }
        var stack = stack_t()
        stack.ss_sp = memory
        stack.ss_size = signalStackBytes
        stack.ss_flags = 0
        if sigaltstack(&stack, nil) != 0 { free(memory) }
    }

    /// Whether the calling thread has an alternate signal stack of at least `signalStackBytes`.
    static var hasSignalStack: Bool {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0 else { return false }
        return current.ss_flags & Int32(SS_DISABLE) == 0 && current.ss_size >= signalStackBytes
    }

    /// The flags of the action installed for `signal`.
    static func installedFlags(_ signal: Int32) -> Int32 {
        var action = sigaction()
        sigaction(signal, nil, &action)
        return action.sa_flags
    }

    /// Disarms restoration after a clean `endwin()`, and gives the fatal signals back.
    static func disarm() {
        guard attn_load_signal(armed) != 0 else { return }
        attn_store_signal(armed, 0)
        for signal in fatalSignals where installedHere(signal) { sigaction(signal, previousActions + Int(signal), nil) }
    }

    /// Whether `signal` is ignored, as a shell leaves SIGQUIT for a job it starts in the
    /// background: such a signal is left ignored, or restoring would end in re-raising into
    /// the ignore, and the program would carry on with its screen given away.
    static func isIgnored(_ signal: Int32) -> Bool {
        var current = sigaction()
        sigaction(signal, nil, &current)
        #if canImport(Glibc)
        return unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self) == 1   // SIG_IGN
        #else
        return unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }

    /// Whether our handler is the one installed for `signal`.
    private static func installedHere(_ signal: Int32) -> Bool {
        var current = sigaction()
        sigaction(signal, nil, &current)
        #if canImport(Glibc)
        let handler = current.__sigaction_handler.sa_sigaction
        #else
        let handler = current.__sigaction_u.__sa_sigaction
        #endif
        return handler.map { unsafeBitCast($0, to: Int.self) == unsafeBitCast(fatalHandler, to: Int.self) } ?? false
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

/// Restores the terminal, lets the handler that was there before (Swift's crash reporter, which
/// prints a backtrace) run, called directly with the same signal information, and then ends the
/// process with the signal's default action whatever that handler did: the reporter returns for a
/// signal sent with `kill`, which does not fault again, and the program would carry on with its
/// screen given away.
private let fatalHandler: @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void = { signal, info, context in
    EmergencyRestore.restoreFromSignalHandler()
    let previous = EmergencyRestore.previousAction(signal).pointee
    #if canImport(Glibc)
    let bits = unsafeBitCast(previous.__sigaction_handler, to: Int.self)   // 0 is SIG_DFL, 1 is SIG_IGN
    if bits > 1 {
        if previous.sa_flags & Int32(SA_SIGINFO) != 0 {
            previous.__sigaction_handler.sa_sigaction?(signal, info, context)
        } else {
            previous.__sigaction_handler.sa_handler?(signal)
        }
    }
    #endif
    var defaultAction = sigaction()
    sigemptyset(&defaultAction.sa_mask)
    sigaction(signal, &defaultAction, nil)
    // Blocked until this handler returns; then the default action ends the process (and dumps
    // core for SIGQUIT, SIGSEGV, …), so a shell sees 128 + the signal number.
    raise(signal)
}
