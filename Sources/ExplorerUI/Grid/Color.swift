/// A cell colour, as precise as the lesson wants it; the backend reduces it to what the terminal supports.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours (0–7 normal, 8–15 bright).
    case ansi(UInt8)
    /// One of the 256 xterm palette entries.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// How many colours the output can show.
public enum ColorDepth: String, Sendable, CaseIterable {
    /// No colour at all: shades and attributes only (also chosen when NO_COLOR is set).
    case monochrome
    /// The 8 (or 16) ANSI colours.
    case ansi8
    /// The xterm 256-colour palette.
    case ansi256
    /// 24-bit "direct" colour.
    case direct
}
