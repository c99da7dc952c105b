#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses

extension Terminal {
    /// Handles Ctrl-Z and SIGCONT: leaves full-screen mode and stops, or enters it again after
    /// the shell's `fg` (or a `kill -CONT` after `kill -STOP`); nil when neither was asked for.
    ///
    /// Returns a `.resize` event after resuming, so the run loop draws the whole screen again:
    /// the shell has drawn over it, and the window may have changed size while we were stopped.
    func suspendOrResumeIfAsked() -> TerminalEvent? {
        if SignalGuard.takeSuspendRequest() {
            suspend()
            _ = SignalGuard.takeContinueNotice()   // the SIGCONT that woke us
            return reenter()
        }
        if SignalGuard.takeContinueNotice() { return reenter() }
        return nil
    }

    /// Gives the terminal back to the shell (as `stop` does, but keeping ncurses' screen), then
    /// stops the process with SIGTSTP's default action until SIGCONT.
    ///
    /// In a process group without job control (orphaned, as under `bash -c`) the kernel discards
    /// the stop, and this returns at once: the program simply carries on.
    private func suspend() {
        curs_set(1)
        endwin()
        fflush(attn_stdout())
        // Our handler only sets a flag; the default action is what stops the process.
        var defaultAction = sigaction()
        var ours = sigaction()
        sigemptyset(&defaultAction.sa_mask)
        sigaction(SIGTSTP, &defaultAction, &ours)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &ours, nil)
    }

    /// Enters full-screen mode again with the program's terminal modes and the current size.
    private func reenter() -> TerminalEvent {
        reset_prog_mode()
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 {
            resize_term(Int32(size.ws_row), Int32(size.ws_col))
        }
        curs_set(0)
        if let window { clearok(window, true) }
        self.size = (Int(attn_cols()), Int(attn_lines()))
        previousFrame = nil
        return .resize(width: self.size.width, height: self.size.height)
    }
}
