import LessonEngine

/// `value` at `decimals` decimals, right-aligned in `width` columns: `printf("%8.2f")` without
/// `String(format:)`, so no locale setting can change a benchmark table. Always English: the
/// bench output is read by scripts and compared across machines.
func benchFixed(_ value: Double, _ decimals: Int, width: Int = 0) -> String {
    let text = NumberFormat.english.fixed(value, decimals: decimals)
    return String(repeating: " ", count: max(0, width - text.count)) + text
}

/// An integer right-aligned in `width` columns (`%3d`).
func benchInt(_ value: Int, width: Int) -> String {
    let text = String(value)
    return String(repeating: " ", count: max(0, width - text.count)) + text
}
