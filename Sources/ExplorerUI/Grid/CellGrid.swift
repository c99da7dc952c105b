/// A screen-sized grid of cells that widgets draw into.
///
/// Nothing here knows about terminals: the backend turns the difference between two grids into
/// terminal output, and tests read `lines` (characters) and `styleLines` (colours) as text.
public struct CellGrid: Hashable, Sendable {
    public static func == (a: CellGrid, b: CellGrid) -> Bool { a.width == b.width && a.height == b.height && a.cells == b.cells }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; writes outside the grid are ignored, reads give a blank.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from (x, y) on one row, clipped to `clip` (the whole grid by default).
    ///
    /// Returns the column after the last character written. Wide characters take two cells;
    /// one that would straddle the clip edge is not drawn. Text cut at the right edge of the
    /// clip never ends bare: its last visible cell becomes `…`, so a reader always sees that
    /// something is missing (only spaces cut off need no mark). Each such cut is recorded in
    /// `cuts`, which tests read to check that the mark is still on screen.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let area = clip ?? bounds
        guard y >= area.y, y < area.maxY else { return x }
        var column = x
        var lastCell: Int?
        var rest = text[...]
        while let character = rest.first {
            let w = columnWidth(of: character)
            if w == 0 { rest = rest.dropFirst(); continue }
            if column + w > area.maxX {
                if rest.contains(where: { $0 != " " }) {
                    let mark = max(area.x, min(area.maxX - 1, lastCell ?? column))
                    if mark >= x, area.width > 0 {
                        if self[mark, y].isContinuation, mark > 0 { self[mark - 1, y] = Cell(" ", style: style) }
                        self[mark, y] = Cell("…", style: style)
                        cuts.append(CutMark(x: mark, y: y))
                    }
                }
                break
            }
            if column >= area.x {
                self[column, y] = Cell(character, style: style)
                if w == 2 { self[column + 1, y] = Cell(" ", style: style, isContinuation: true) }
                lastCell = column + w - 1
            }
            column += w
            rest = rest.dropFirst()
        }
        return column
    }

    /// Where `put` cut text and drew `…` (not part of the grid's value: two grids with the same
    /// cells are equal however they were drawn).
    public private(set) var cuts: [CutMark] = []

    /// Fills `rect` with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) {
                self[x, y] = Cell(character, style: style)
            }
        }
    }

    /// The characters of each row, trailing spaces removed. What a snapshot test compares.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[x, y].isContinuation { line.append(self[x, y].character) }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The whole grid as text, one row per line.
    public var text: String { lines.joined(separator: "\n") }

    /// The styles of the grid as text: one key character per cell, then a legend of the keys.
    ///
    /// Unstyled cells are spaces; every other style gets the next free key (a–z, A–Z, 0–9, …)
    /// in reading order, so a snapshot of this diffs readably when one colour changes. Trailing
    /// spaces are removed; a blank line separates the grid from lines like `a: fg=rgb(68,1,84) bold`.
    public var styleLines: [String] {
        let keys = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#$%&*+=?@~^<>")
        var assigned: [Style: Character] = [.plain: " "]
        var legend: [String] = []
        var rows: [String] = []
        for y in 0..<height {
            var row = ""
            for x in 0..<width {
                let style = self[x, y].style
                if assigned[style] == nil {
                    let key = legend.count < keys.count ? keys[legend.count] : "!"
                    assigned[style] = key
                    legend.append("\(key): \(describe(style))")
                }
                row.append(assigned[style]!)
            }
            while row.last == " " { row.removeLast() }
            rows.append(row)
        }
        return rows + [""] + legend
    }
}

/// A style as `fg=… bg=… bold italic`, leaving out what is default.
private func describe(_ style: Style) -> String {
    func color(_ c: Color) -> String {
        switch c {
        case .default: return "default"
        case .ansi(let n): return "ansi(\(n))"
        case .indexed(let n): return "idx(\(n))"
        case .rgb(let r, let g, let b): return "rgb(\(r),\(g),\(b))"
        }
    }
    var parts: [String] = []
    if style.foreground != .default { parts.append("fg=" + color(style.foreground)) }
    if style.background != .default { parts.append("bg=" + color(style.background)) }
    if style.bold { parts.append("bold") }
    if style.italic { parts.append("italic") }
    if style.underline { parts.append("underline") }
    if style.reverse { parts.append("reverse") }
    if style.dim { parts.append("dim") }
    return parts.isEmpty ? "plain" : parts.joined(separator: " ")
}

/// A place where `CellGrid.put` cut text and drew `…`.
public struct CutMark: Hashable, Sendable {
    public var x: Int
    public var y: Int
}
