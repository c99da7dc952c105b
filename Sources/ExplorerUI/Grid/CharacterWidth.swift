/// How many terminal columns a character takes: 0 for combining marks and joiners, 2 for East
/// Asian wide characters and emoji, 1 otherwise — by the same rule as the terminal.
///
/// The one copy of this rule. Its table (`CharacterWidthTable.swift`) is generated from the C
/// library's `wcwidth`, which ncursesw uses to place what the terminal backend draws, so wrapped
/// prose, drawn cells and the screen agree (TerminalBackendTests checks every code point). A
/// character of several scalars (an emoji with a variation selector, a letter with combining
/// marks) takes its first scalar's width, as a terminal cell does. Cyrillic, Greek, box drawing, blocks and braille are all 1.
public func columnWidth(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let v = scalar.value
    if v == 0 { return 0 }
    if v < 0x300 { return 1 }  // control characters never reach the screen: CellGrid replaces them
    if inRanges(v, zeroWidthRanges) { return 0 }
    return inRanges(v, doubleWidthRanges) ? 2 : 1
}

/// Whether `v` lies in one of the sorted, disjoint `ranges`.
private func inRanges(_ v: UInt32, _ ranges: [(UInt32, UInt32)]) -> Bool {
    var low = 0, high = ranges.count - 1
    while low <= high {
        let mid = (low + high) / 2
        if v < ranges[mid].0 { high = mid - 1 } else if v > ranges[mid].1 { low = mid + 1 } else { return true }
    }
    return false
}

/// The number of terminal columns `text` takes.
public func columnWidth(of text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + columnWidth(of: $1) }
}

