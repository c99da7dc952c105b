/// Fitting text and numbers into a fixed number of terminal columns.
///
/// Every widget aligns labels and numbers in columns; these helpers measure with `columnWidth`,
/// so Cyrillic (one column) and CJK (two) line up, and they never return text wider than asked.

import LessonEngine

/// Where text sits inside a wider field.
public enum TextAlignment: Sendable {
    case left, center, right
}

/// `text` cut to at most `width` columns, ending in `…` when something was cut.
public func truncatedText(_ text: some StringProtocol, width: Int) -> String {
    guard width > 0 else { return "" }
    if columnWidth(of: text) <= width { return String(text) }
    var out = ""
    var used = 0
    for c in text {
        let w = columnWidth(of: c)
        if used + w > width - 1 { break }
        out.append(c)
        used += w
    }
    return out + "…"
}

/// `text` fitted to exactly `width` columns: truncated if longer, padded with spaces if shorter.
public func paddedText(_ text: some StringProtocol, width: Int, alignment: TextAlignment = .left) -> String {
    let fitted = truncatedText(text, width: width)
    let gap = max(0, width - columnWidth(of: fitted))
    switch alignment {
    case .left: return fitted + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + fitted
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
    }
}

/// `value` with exactly `decimals` digits after the point, in `format` (see `NumberFormat.fixed`).
public func formatFixed(_ value: Float, decimals: Int, format: NumberFormat = .english) -> String {
    format.fixed(Double(value), decimals: decimals)
}

/// `value` at exactly `decimals` decimals in `width` columns, or nil when it does not fit.
///
/// The only shortening allowed is the leading zero (`0.42` → `.42`, `-0.42` → `-.42`), which
/// loses nothing. A cell too narrow for that shows its colour alone, and the cursor footer gives
/// the value: a rounded `0` for 0.45, or `-2` for −2.04, would tell a student something false.
/// In Russian the mark is a comma: `0,42` → `,42`.
public func formatCompact(_ value: Float, width: Int, decimals: Int = 2, format: NumberFormat = .english) -> String? {
    if value.isInfinite || value.isNaN {
        let text = formatFixed(value, decimals: 0, format: format)
        return columnWidth(of: text) <= width ? text : nil
    }
    let text = formatFixed(value, decimals: decimals, format: format)
    if text.count <= width { return text }
    let zero = "0" + String(format.decimalMark)
    if text.hasPrefix(zero) && text.count - 1 <= width { return String(text.dropFirst()) }
    if text.hasPrefix("-" + zero) && text.count - 1 <= width { return "-" + text.dropFirst(2) }
    return nil
}
