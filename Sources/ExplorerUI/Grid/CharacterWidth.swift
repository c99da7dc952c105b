import LessonEngine

/// How many terminal columns a character takes: 0 for combining marks, 2 for East Asian wide and
/// emoji, 1 otherwise. Cyrillic, Greek, box drawing, blocks and braille are all 1.
///
/// The rule lives in LessonEngine (`proseColumnWidth`), which wraps prose below this layer; the
/// grid uses the very same function so wrapped text and drawn cells always agree.
public func columnWidth(of character: Character) -> Int {
    proseColumnWidth(of: character)
}

/// The number of terminal columns `text` takes.
public func columnWidth(of text: some StringProtocol) -> Int {
    proseColumnWidth(of: text)
}
