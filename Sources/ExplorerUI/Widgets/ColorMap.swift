import Foundation

/// A perceptual colour scale for heatmaps: a value in 0…1 becomes a colour.
///
/// Viridis and magma are matplotlib's published maps, stored as 17 anchors (every 16th entry of
/// the 256-entry tables) and interpolated linearly in RGB; between anchors the error is below
/// one step of 8-bit colour, far under what a terminal shows. Both rise steadily in lightness,
/// so a heatmap still reads correctly when the colour is reduced to greys or shades.
public enum ColorMap: String, Hashable, Sendable, CaseIterable {
    case viridis
    case magma
    case grey
    /// Blue – white – red (matplotlib's RdBu reversed), for signed values: 0.5 is zero.
    case diverging

    /// The maps `c` cycles through; `diverging` is chosen by the data (signed matrices), not the user.
    public static let sequential: [ColorMap] = [.viridis, .magma, .grey]

    /// The colour at `t` (clamped to 0…1; NaN reads as 0).
    public func rgb(at t: Double) -> RGB {
        let t = t.isNaN ? 0 : min(1, max(0, t))
        let anchors: [RGB]
        switch self {
        case .viridis: anchors = viridisAnchors
        case .magma:
            // From the 2nd anchor: magma's first colour (0, 0, 4) is the black of the terminal, and
            // a zero cell drawn in it would vanish into the background.
            anchors = Array(magmaAnchors.dropFirst(2))
        case .diverging: anchors = divergingAnchors
        case .grey:
            // Not from pure black: a zero cell must stay visible against a black terminal.
            let v = UInt8((40 + 215 * t).rounded())
            return RGB(v, v, v)
        }
        let position = t * Double(anchors.count - 1)
        let lower = min(anchors.count - 2, Int(position))
        return anchors[lower].mixed(with: anchors[lower + 1], fraction: position - Double(lower))
    }

    /// The colour at `t` as the output can show it; nil in monochrome, where `shade(at:)` is drawn instead.
    public func color(at t: Double, depth: ColorDepth) -> Color? {
        switch depth {
        case .monochrome: return nil
        // A map's colours are never grey (but for the grey map): the nearest palette entry is
        // sought among the coloured ones, so no band looks like a disabled cell.
        case .ansi256 where self != .grey: return .indexed(nearestXterm256(rgb(at: t), avoidingGreys: true))
        default: return Color.rgb(rgb(at: t)).reduced(to: depth)
        }
    }
}

/// The shade characters monochrome output uses for 0…1, lightest first.
public let shadeCharacters: [Character] = [" ", "░", "▒", "▓", "█"]

/// The shade character for `t` in 0…1: five even bins, so 0 is blank and 1 is full.
public func shade(at t: Double) -> Character {
    let t = t.isNaN ? 0 : min(1, max(0, t))
    return shadeCharacters[min(shadeCharacters.count - 1, Int(t * Double(shadeCharacters.count)))]
}

/// A 24-bit colour as three components.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// Relative luminance (WCAG), 0 for black and 1 for white.
    public var luminance: Double {
        func linear(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
    }

    /// The straight-line mix: `fraction` 0 is `self`, 1 is `other`.
    public func mixed(with other: RGB, fraction: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) + (Double(b) - Double(a)) * fraction).rounded()) }
        return RGB(mix(r, other.r), mix(g, other.g), mix(b, other.b))
    }

    public var description: String { "rgb(\(r),\(g),\(b))" }
}

extension Color {
    /// A 24-bit colour from components.
    public static func rgb(_ c: RGB) -> Color { .rgb(c.r, c.g, c.b) }

    /// Black or white, whichever reads better on this background (nil for the terminal default,
    /// whose colour is unknown).
    ///
    /// The threshold is the luminance where black and white have equal WCAG contrast.
    public var readableText: Color? {
        guard let rgb = approximateRGB else { return nil }
        return rgb.luminance > 0.179 ? .rgb(0, 0, 0) : .rgb(255, 255, 255)
    }

    /// `readableText`, reduced to what `depth` can show (for ANSI output: ANSI black or white).
    public func readableText(depth: ColorDepth) -> Color {
        guard let text = readableText else { return .default }
        if depth == .ansi8 { return text == .rgb(0, 0, 0) ? .ansi(0) : .ansi(7) }
        return text.reduced(to: depth)
    }
}

/// Matplotlib's viridis at entries 0, 16, 32, …, 239, 255 of its 256-colour table.
private let viridisAnchors: [RGB] = [
    RGB(68, 1, 84), RGB(72, 24, 106), RGB(71, 45, 123), RGB(66, 64, 134), RGB(59, 82, 139),
    RGB(51, 99, 141), RGB(44, 114, 142), RGB(38, 130, 142), RGB(33, 145, 140), RGB(31, 159, 136),
    RGB(39, 173, 129), RGB(61, 188, 116), RGB(92, 200, 99), RGB(129, 211, 77), RGB(170, 220, 50),
    RGB(213, 226, 26), RGB(253, 231, 37),
]

/// Matplotlib's magma at the same entries.
private let magmaAnchors: [RGB] = [
    RGB(0, 0, 4), RGB(10, 8, 34), RGB(29, 17, 71), RGB(54, 16, 107), RGB(81, 18, 124),
    RGB(106, 28, 129), RGB(131, 38, 129), RGB(156, 46, 127), RGB(183, 55, 121), RGB(207, 64, 112),
    RGB(229, 80, 100), RGB(244, 105, 92), RGB(251, 135, 97), RGB(254, 165, 113), RGB(254, 194, 135),
    RGB(253, 224, 161), RGB(252, 253, 191),
]

/// RdBu reversed: dark blue, white at 0.5, dark red.
private let divergingAnchors: [RGB] = [
    RGB(5, 48, 97), RGB(33, 102, 172), RGB(67, 147, 195), RGB(146, 197, 222), RGB(209, 229, 240),
    RGB(247, 247, 247),
    RGB(253, 219, 199), RGB(244, 165, 130), RGB(214, 96, 77), RGB(178, 24, 43), RGB(103, 0, 31),
]
