/// How many terminal columns a character takes: 0 for combining marks, 2 for East Asian wide and
/// emoji, 1 otherwise. Cyrillic, Greek, box drawing, blocks and braille are all 1.
public func columnWidth(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    let v = scalar.value
    if v == 0 { return 0 }
    if v < 0x300 { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    {
        return 2
    }
    return 1
}

/// The number of terminal columns `text` takes.
public func columnWidth(of text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + columnWidth(of: $1) }
}
