import CNCurses
import ExplorerUI

extension Terminal {
    /// Waits up to `timeoutMilliseconds` for a key, a resize or a stop signal.
    ///
    /// Returns nil when the time ran out or the input meant nothing (a mouse report, an unknown
    /// escape sequence); the run loop just asks again. A negative timeout waits for ever, 0 polls.
    /// After a resize the next `draw` repaints everything, since the old frame no longer fits.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard isActive, let window else { return nil }
        if SignalGuard.pendingSignal != nil { return .interrupted }
        if let resumed = suspendOrResumeIfAsked() { return resumed }
        wtimeout(window, Int32(clamping: max(-1, timeoutMilliseconds)))
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        // A signal interrupts the wait (our handlers do not restart it), so look again.
        if SignalGuard.pendingSignal != nil { return .interrupted }
        if let resumed = suspendOrResumeIfAsked() { return resumed }
        switch status {
        case OK:
            return decodeKey(.character(UInt32(value))).map { .key($0) }
        case KEY_CODE_YES where Int32(value) == attn_key_resize():
            size = (Int(attn_cols()), Int(attn_lines()))
            previousFrame = nil
            return .resize(width: size.width, height: size.height)
        case KEY_CODE_YES:
            return decodeKey(.keyCode(Int32(value))).map { .key($0) }
        default:
            return nil
        }
    }
}
