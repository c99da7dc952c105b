/// Turns a grid into text for stdout, which is what `attn print` writes.
///
/// Monochrome gives plain characters and no escape codes at all (for NO_COLOR, pipes and files).
/// Other depths give ANSI SGR sequences: the 8/16 colours (30–37, 90–97), the 256-colour
/// palette (38;5;n) or 24-bit colour (38;2;r;g;b), with colours first reduced to the depth.
/// Each style change emits a full reset-and-set, which is a few bytes longer than a delta but
/// can never leave an attribute on by mistake. Trailing blank cells (a space with no visible
/// background, reverse or underline) are trimmed, every styled line ends with a reset, and trailing empty
/// lines are dropped. Lines end with "\n" except the last.
public func ansiText(_ grid: CellGrid, depth: ColorDepth) -> String {
    var lines: [String] = []
    for y in 0..<grid.height {
        var end = grid.width
        while end > 0, isBlank(grid[end - 1, y], depth: depth) { end -= 1 }
        var line = ""
        var current = Style.plain
        for x in 0..<end {
            let cell = grid[x, y]
            if cell.isContinuation { continue }
            if depth != .monochrome {
                let style = cell.style.reduced(to: depth)
                if style != current {
                    line += sgr(style)
                    current = style
                }
            }
            line.append(cell.character)
        }
        if current != .plain { line += "\u{1B}[0m" }
        lines.append(line)
    }
    while lines.last == "" { lines.removeLast() }
    return lines.joined(separator: "\n")
}

/// A cell that prints as nothing at the end of a line (at `depth`: in monochrome a background
/// colour is not printed either).
private func isBlank(_ cell: Cell, depth: ColorDepth) -> Bool {
    (cell.character == " " || cell.isContinuation) && cell.style.background.reduced(to: depth) == .default
        && !cell.style.reverse && !cell.style.underline
}

/// The escape sequence that resets and then sets `style`.
private func sgr(_ style: Style) -> String {
    var codes = ["0"]
    if style.bold { codes.append("1") }
    if style.dim { codes.append("2") }
    if style.italic { codes.append("3") }
    if style.underline { codes.append("4") }
    if style.reverse { codes.append("7") }
    if let fg = colorCode(style.foreground, background: false) { codes.append(fg) }
    if let bg = colorCode(style.background, background: true) { codes.append(bg) }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
}

private func colorCode(_ color: Color, background: Bool) -> String? {
    switch color {
    case .default: return nil
    case .ansi(let n):
        let n = Int(n & 15)
        return String(n < 8 ? (background ? 40 : 30) + n : (background ? 100 : 90) + n - 8)
    case .indexed(let n): return (background ? "48;5;" : "38;5;") + String(n)
    case .rgb(let r, let g, let b): return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
    }
}
