/// Reducing colours to what an output can show.
///
/// Widgets and `ansiText` reduce every colour they emit, so a grid rendered for `.ansi256`
/// holds only `.indexed` and `.ansi` colours and a snapshot shows exactly what the terminal will.
/// Nearness is the "redmean" distance: cheap, and closer to what the eye sees than plain RGB.
extension Color {
    /// This colour as `depth` can show it: monochrome drops colour, 256 colours pick the
    /// nearest palette entry, 8 colours the nearest of the 8 ANSI colours.
    public func reduced(to depth: ColorDepth) -> Color {
        switch (depth, self) {
        case (_, .default): return .default
        case (.monochrome, _): return .default
        case (.direct, _): return self
        case (.ansi256, .rgb(let r, let g, let b)): return .indexed(nearestXterm256(RGB(r, g, b)))
        case (.ansi256, _): return self
        case (.ansi8, .ansi): return self
        case (.ansi8, .indexed(let n)) where n < 16: return .ansi(n)
        case (.ansi8, .indexed(let n)): return .ansi(nearestANSI8(xterm256RGB(n)))
        case (.ansi8, .rgb(let r, let g, let b)): return .ansi(nearestANSI8(RGB(r, g, b)))
        }
    }

    /// What this colour looks like on xterm's default palette; nil for the terminal default.
    public var approximateRGB: RGB? {
        switch self {
        case .default: return nil
        case .ansi(let n): return xterm256RGB(n & 15)
        case .indexed(let n): return xterm256RGB(n)
        case .rgb(let r, let g, let b): return RGB(r, g, b)
        }
    }
}

extension Style {
    /// The style with both colours reduced to `depth`; attributes are kept, since monochrome
    /// output relies on them (bold, reverse, dim) to tell things apart.
    public func reduced(to depth: ColorDepth) -> Style {
        var style = self
        style.foreground = foreground.reduced(to: depth)
        style.background = background.reduced(to: depth)
        return style
    }
}

/// The RGB value xterm shows for palette entry `index`: 0–15 its defaults, 16–231 the
/// 6×6×6 cube, 232–255 the grey ramp.
public func xterm256RGB(_ index: UInt8) -> RGB {
    switch index {
    case 0..<16:
        return ansiPalette[Int(index)]
    case 16..<232:
        let i = Int(index) - 16
        return RGB(cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
    default:
        let level = UInt8(8 + 10 * (Int(index) - 232))
        return RGB(level, level, level)
    }
}

/// The xterm-256 entry (16–255) nearest to `rgb`.
///
/// An exhaustive search: with a perceptual distance the nearest cube level per channel is not
/// always the nearest colour, and 240 comparisons per cell cost nothing next to drawing it.
/// Entries 0–15 are skipped because terminals recolour them with their themes.
public func nearestXterm256(_ rgb: RGB, avoidingGreys: Bool = false) -> UInt8 {
    let candidates = avoidingGreys && !(rgb.r == rgb.g && rgb.g == rgb.b) ? xterm256Coloured : xterm256All
    return UInt8(candidates.min { colorDistance(xterm256RGB(UInt8($0)), rgb) < colorDistance(xterm256RGB(UInt8($1)), rgb) }!)
}

private let xterm256All = Array(16...255)
/// The cube entries whose three levels differ, and white: no grey ramp, no cube greys.
private let xterm256Coloured = (16...231).filter { n in
    let c = xterm256RGB(UInt8(n))
    return !(c.r == c.g && c.g == c.b) || n == 231
}

/// The ANSI colour 0–7 nearest to `rgb` in xterm's default palette.
public func nearestANSI8(_ rgb: RGB) -> UInt8 {
    UInt8((0..<8).min { colorDistance(ansiPalette[$0], rgb) < colorDistance(ansiPalette[$1], rgb) }!)
}

/// Squared redmean distance between two colours.
private func colorDistance(_ a: RGB, _ b: RGB) -> Int {
    let redMean = (Int(a.r) + Int(b.r)) / 2
    let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
    // Parenthesised: in Swift `>>` binds tighter than `*`.
    return (((512 + redMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - redMean) * db * db) >> 8)
}

private let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

/// xterm's default colours for ANSI 0–15.
private let ansiPalette: [RGB] = [
    RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
    RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
    RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
    RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
]
