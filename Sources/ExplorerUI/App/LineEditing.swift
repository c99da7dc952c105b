/// What a key did to a line being typed.
enum LineEdit: Equatable {
    /// The text or the cursor changed (or the key was a no-op inside the line).
    case edited
    /// Enter (or a line break in a paste): the line is done.
    case submit
    /// Esc: the line is abandoned.
    case cancel
    /// A key the line does not use.
    case ignored
}

/// The editing keys of every input line in the explorer (answers, a model's sentence).
///
/// Characters go in at the cursor; ←/→ and Home/End move it, Ctrl-A/Ctrl-E too (as in a shell),
/// Ctrl-U clears before the cursor, Ctrl-W deletes the word before it. A paste arrives as typed
/// characters; a line break in it ends the line as Enter does. `cursor` counts characters.
func editLine(_ text: inout String, cursor: inout Int, key: Key, limit: Int = 200) -> LineEdit {
    cursor = min(max(0, cursor), text.count)
    func index(_ n: Int) -> String.Index { text.index(text.startIndex, offsetBy: n) }
    switch key {
    case .enter: return .submit
    case .escape: return .cancel
    case .backspace:
        if cursor > 0 { text.remove(at: index(cursor - 1)); cursor -= 1 }
    case .delete:
        if cursor < text.count { text.remove(at: index(cursor)) }
    case .left: cursor = max(0, cursor - 1)
    case .right: cursor = min(text.count, cursor + 1)
    case .home, .control("a"): cursor = 0
    case .end, .control("e"): cursor = text.count
    case .control("u"):
        text.removeSubrange(text.startIndex..<index(cursor))
        cursor = 0
    case .control("w"):
        var start = cursor
        while start > 0 && text[index(start - 1)] == " " { start -= 1 }
        while start > 0 && text[index(start - 1)] != " " { start -= 1 }
        text.removeSubrange(index(start)..<index(cursor))
        cursor = start
    case .character(let c):
        if c == "\n" || c == "\r" { return .submit }
        if text.count < limit, c != "\t" { text.insert(c, at: index(cursor)); cursor += 1 }
    default: return .ignored
    }
    return .edited
}
