#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

/// The thread that keeps the promise "Ctrl-C and SIGTERM end the program within 100 ms".
///
/// A stop signal's handler writes its number to a pipe (`write` is async-signal-safe). This
/// thread, which blocks the terminal's signals so that they go to the run loop's thread, wakes on the
/// byte, gives the run loop `SignalGuard.shutdownGraceMilliseconds` to begin shutting down, and
/// if it has not (armed is still set), restores the terminal and calls `_exit(128 + signal)`.
enum Watchdog {
    nonisolated(unsafe) static let armed = SignalGuard.makeSlot()
    /// Read end and write end of the wake-up pipe; -1 until `start`.
    nonisolated(unsafe) private static var pipeEnds: (read: Int32, write: Int32) = (-1, -1)
    nonisolated(unsafe) private static var started = false

    /// Creates the pipe and the thread, once.
    static func start() {
        guard !started else { return }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        // The handler must never block on a full pipe; one byte is all the watchdog needs.
        _ = fcntl(fds[1], F_SETFL, fcntl(fds[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        pipeEnds = (fds[0], fds[1])
        var thread = pthread_t()
        guard pthread_create(&thread, nil, { _ in Watchdog.run(); return nil }, nil) == 0 else { return }
        pthread_detach(thread)
        started = true
    }

    /// Called from a signal handler: wakes the watchdog with the signal number.
    static func notify(_ signal: Int32) {
        guard pipeEnds.write >= 0 else { return }
        var byte = UInt8(truncatingIfNeeded: signal)
        _ = write(pipeEnds.write, &byte, 1)
    }

    /// The signals this thread leaves to the run loop's thread. Not all of them: Swift's crash
    /// backtracer suspends every thread with a signal of its own, and waits for ever on one that
    /// blocks it.
    static let leftToTheRunLoop: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH]

    private static func run() {
        var mask = sigset_t()
        sigemptyset(&mask)
        for signal in leftToTheRunLoop { sigaddset(&mask, signal) }
        pthread_sigmask(SIG_BLOCK, &mask, nil)
        while true {
            var byte: UInt8 = 0
            let n = read(pipeEnds.read, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return }
            var pause = timespec(tv_sec: 0, tv_nsec: SignalGuard.shutdownGraceMilliseconds * 1_000_000)
            var left = timespec()
            while nanosleep(&pause, &left) != 0 && errno == EINTR { pause = left }
            guard attn_load_signal(armed) != 0 else { continue }
            EmergencyRestore.restoreFromSignalHandler()
            _exit(128 + Int32(byte))
        }
    }
}
