/// A key press, decoded by the terminal backend, independent of ncurses.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// Ctrl plus a letter, given in lower case: `.control("c")`.
    case control(Character)
    case function(Int)
}
