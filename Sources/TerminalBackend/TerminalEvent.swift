import ExplorerUI

/// Something the terminal reports to the run loop.
///
/// Ticks are not events: a program asks for them through `TerminalProgram.tickMilliseconds`
/// and receives them through `TerminalProgram.tick()`, so switches over this enum stay small.
public enum TerminalEvent: Hashable, Sendable {
    /// A decoded key press.
    case key(Key)
    /// The terminal now has this many columns and rows; the next frame is drawn in full.
    case resize(width: Int, height: Int)
    /// SIGTERM, SIGHUP or SIGINT arrived: the run loop stops after the program has seen this.
    case interrupted
}
