import ExplorerUI

/// How the terminal numbers its colours, which decides what `init_extended_pair` is given.
///
/// A terminfo entry with the `RGB` flag (xterm-direct, tmux-direct) reads a colour number above 7
/// as `0xRRGGBB`; any other entry reads it as a palette index below `COLORS`.
public enum TerminalPalette: Hashable, Sendable {
    /// No colour support: every colour is the terminal default.
    case none
    /// A palette of this many entries (8, 16, 88 or 256).
    case indexed(Int)
    /// Direct colour: numbers 0–7 are the ANSI colours, larger ones are packed RGB.
    case direct
}

/// The ncurses colour number for `color` on a terminal with `palette`; -1 is the default colour.
///
/// Expects a colour already reduced to the frame's depth (ExplorerUI's `Color.reduced(to:)`,
/// which the view uses too, so the terminal shows what snapshots show). This only makes it
/// expressible: a colour the palette cannot number is mapped to the nearest one it can, so
/// nothing out of range ever reaches `init_extended_pair`.
public func terminalColorNumber(_ color: Color, palette: TerminalPalette) -> Int32 {
    switch (palette, color) {
    case (_, .default), (.none, _):
        return -1
    case (.direct, .ansi(let n)):
        return n & 15 < 8 ? Int32(n & 15) : packedRGB(xterm256RGB(n & 15))
    case (.direct, .indexed(let n)):
        return n < 8 ? Int32(n) : packedRGB(xterm256RGB(n))
    case (.direct, .rgb(let r, let g, let b)):
        return packedRGB(RGB(r, g, b))
    case (.indexed(let count), _):
        return indexedNumber(color, count: count)
    }
}

private func indexedNumber(_ color: Color, count: Int) -> Int32 {
    let ansiCount = count >= 16 ? 16 : 8
    func ansi(_ n: UInt8) -> Int32 {
        let n = Int(n & 15)  // .ansi promises 0–15; keep a stray value in range anyway
        return Int32(n < ansiCount ? n : n - 8)  // bright → normal on an 8-colour palette
    }
    switch color {
    case .default: return -1
    case .ansi(let n): return ansi(n)
    case .indexed(let n) where n < 16: return ansi(n)
    case .indexed(let n) where count >= 256: return Int32(n)
    case .indexed(let n): return Int32(nearestANSI8(xterm256RGB(n)))
    case .rgb(let r, let g, let b) where count >= 256: return Int32(nearestXterm256(RGB(r, g, b)))
    case .rgb(let r, let g, let b): return Int32(nearestANSI8(RGB(r, g, b)))
    }
}

/// Packs RGB as direct-colour terminals expect, keeping clear of 0–7, which they read as ANSI.
func packedRGB(_ rgb: RGB) -> Int32 {
    let value = Int32(rgb.r) << 16 | Int32(rgb.g) << 8 | Int32(rgb.b)
    return value < 8 ? 8 : value  // (0,0,8) is as black as (0,0,0) to any eye
}
