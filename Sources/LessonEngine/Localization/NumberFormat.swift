import Foundation

/// The one way attn writes a number, for the screen, messages, answers and worked solutions.
///
/// Written out by hand rather than with `String(format:)` or a `NumberFormatter`, so nothing
/// depends on the machine's locale settings: the language chooses the decimal mark, nothing else
/// does. A list of numbers separates its elements with `listSeparator`, which is never the
/// decimal mark, so a Russian vector reads `[0,25; 0,75]` and an English one `[0.25, 0.75]`.
/// Machine-readable output (`attn eval`, `attn bench`, `--json`) always uses `.english`.
public struct NumberFormat: Sendable, Hashable {
    /// `.` or `,`.
    public var decimalMark: Character
    /// Between the elements of a vector: `", "` or `"; "`.
    public var listSeparator: String

    public static let english = NumberFormat(decimalMark: ".", listSeparator: ", ")
    public static let russian = NumberFormat(decimalMark: ",", listSeparator: "; ")

    public init(decimalMark: Character, listSeparator: String) {
        self.decimalMark = decimalMark
        self.listSeparator = listSeparator
    }

    /// Exactly `decimals` digits after the mark (0…9); `-∞`, `∞`, `NaN` for the specials.
    ///
    /// A value that rounds to zero prints without a sign (`0.00`, never `-0.00`); one too large
    /// to round exactly prints as `huge` / `-huge`.
    public func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        let decimals = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 1e17 else { return value < 0 ? "-huge" : "huge" }
        let magnitude = UInt64(abs(scaled))
        let unit = UInt64(scale)
        var text = String(magnitude / unit)
        if decimals > 0 {
            let fraction = String(magnitude % unit)
            text.append(decimalMark)
            text += String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return scaled < 0 ? "-" + text : text
    }

    /// At most `decimals` digits, trailing zeros dropped: `3`, `0.25`, `0.3333`. Below
    /// 10^−(decimals−1), where that would lose digits, three significant digits: `0.000123`,
    /// `1.23e-07`.
    /// Infinities print as `-inf` / `inf` so a learner can type them back.
    ///
    /// How answers, worked solutions and messages print numbers.
    public func short(_ value: Double, decimals: Int = 4) -> String {
        if value == -.infinity { return "-inf" }
        if value == .infinity { return "inf" }
        if value.isNaN { return "nan" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var limit = 1.0
        for _ in 0..<max(0, decimals - 1) { limit /= 10 }
        if abs(value) < limit { return significant(value, digits: 3) }
        if abs(value) >= 1e15 { return significant(value, digits: 7) }
        var text = fixed(value, decimals: decimals)
        while text.hasSuffix("0") { text.removeLast() }
        if text.last == decimalMark { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A Float in JSON: the shortest decimal that reads back to the same Float, `"nan"`, `"inf"`
    /// and `"-inf"` as strings. Never localized: `attn eval` and `--json` are for scripts.
    public static func json(_ x: Float) -> String {
        if x.isNaN { return "\"nan\"" }
        if x == .infinity { return "\"inf\"" }
        if x == -.infinity { return "\"-inf\"" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `values` as `[a, b, c]` (or `[a; b; c]`), each written by `short`.
    public func vector(_ values: [Double], decimals: Int = 4) -> String {
        "[" + values.map { short($0, decimals: decimals) }.joined(separator: listSeparator) + "]"
    }

    /// `value` with `digits` significant digits, in exponent form below 10^−4 or from 10^15.
    private func significant(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 { mantissa /= 10; exponent += 1 }
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        if exponent >= -4 && exponent < 15 {
            var text = fixed(value, decimals: max(0, digits - 1 - exponent))
            if text.contains(decimalMark) {
                while text.hasSuffix("0") { text.removeLast() }
                if text.last == decimalMark { text.removeLast() }
            }
            return text
        }
        var rounded = fixed(mantissa, decimals: digits - 1)
        if rounded.hasPrefix("10") { rounded = fixed(1, decimals: digits - 1); exponent += 1 }
        if rounded.contains(decimalMark) {
            while rounded.hasSuffix("0") { rounded.removeLast() }
            if rounded.last == decimalMark { rounded.removeLast() }
        }
        let sign = value < 0 ? "-" : ""
        let e = exponent < 0 ? "-" + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent)) : "+" + (exponent < 10 ? "0" : "") + String(exponent)
        return sign + rounded + "e" + e
    }

    /// Reads a number the way a learner of this language may type it: `0.25`, and in a language
    /// with a decimal comma also `0,25`. Also `-inf`/`inf`/`∞`, a leading `+`, and `−` (U+2212).
    /// Nil for anything else. Thousands separators are not accepted.
    public func parse(_ text: String) -> Double? {
        var t = text.trimmedOf(" \t\r\n").replacingOccurrences(of: "−", with: "-")
        switch t.lowercased() {
        case "inf", "+inf", "∞", "+∞", "infinity": return .infinity
        case "-inf", "-∞", "-infinity": return -.infinity
        default: break
        }
        if decimalMark != "." {
            guard t.filter({ $0 == decimalMark }).count <= 1 else { return nil }
            if t.contains(decimalMark) && t.contains(".") { return nil }
            t = t.replacingOccurrences(of: String(decimalMark), with: ".")
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let x = Double(t), x.isFinite else { return nil }
        return x
    }
}
