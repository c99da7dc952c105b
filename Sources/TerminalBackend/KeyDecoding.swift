import CNCurses
import ExplorerUI

/// What `get_wch` returned, before it means anything.
///
/// `get_wch` answers either `OK` with a character or `KEY_CODE_YES` with one of ncurses' `KEY_*`
/// codes; keeping the two apart here lets `decodeKey` be tested without a terminal.
public enum RawInput: Hashable, Sendable {
    /// `get_wch` returned `OK`: a Unicode scalar value, or a control code below 32.
    case character(UInt32)
    /// `get_wch` returned `KEY_CODE_YES`: an ncurses key code such as `KEY_UP`.
    case keyCode(Int32)
}

/// Turns one raw input into a key, or nil for input the explorer has no use for.
///
/// The terminal sends Ctrl-A, Ctrl-L and friends as bytes 1…26, which become `.control(letter)`
/// (Ctrl-C, Ctrl-Z and Ctrl-\ arrive as signals instead: `Terminal` keeps ISIG on); Tab (9), Enter (10, 13) and Backspace (8) keep their own names because
/// that is what a reader pressed. `KEY_RESIZE` is not a key: `Terminal` handles it before this.
public func decodeKey(_ input: RawInput) -> Key? {
    switch input {
    case .character(let value): return decodeCharacter(value)
    case .keyCode(let code): return decodeKeyCode(code)
    }
}

private func decodeCharacter(_ value: UInt32) -> Key? {
    switch value {
    case 9: return .tab
    case 10, 13: return .enter
    case 27: return .escape
    case 8, 127: return .backspace
    case 1...26:
        // 1 is Ctrl-A: the letter is 'a' + value - 1.
        return .control(Character(Unicode.Scalar(UInt8(96 + value))))
    case 0, 28...31, 0x80...0x9F:
        // NUL (Ctrl-Space), the other C0 codes and the C1 codes print nothing.
        return nil
    default:
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return .character(Character(scalar))
    }
}

private func decodeKeyCode(_ code: Int32) -> Key? {
    switch code {
    case KEY_UP, KEY_SR: return .up
    case KEY_DOWN, KEY_SF: return .down
    case KEY_LEFT, KEY_SLEFT: return .left
    case KEY_RIGHT, KEY_SRIGHT: return .right
    case KEY_PPAGE, KEY_SPREVIOUS, KEY_A3: return .pageUp
    case KEY_NPAGE, KEY_SNEXT, KEY_C3: return .pageDown
    case KEY_HOME, KEY_SHOME, KEY_A1: return .home
    case KEY_END, KEY_SEND, KEY_C1: return .end
    case KEY_ENTER: return .enter
    case KEY_BTAB: return .backTab
    case KEY_BACKSPACE: return .backspace
    case KEY_DC, KEY_SDC: return .delete
    case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
    default: return nil
    }
}
