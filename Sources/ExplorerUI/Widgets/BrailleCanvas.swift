/// A drawing surface of braille dots: each cell holds a 2×4 grid of dots (U+2800–U+28FF).
///
/// Pixel (0, 0) is the top-left dot; x grows right, y grows down. A dot in a terminal cell is
/// about as wide as it is tall, so circles stay round and angles read true. Each cell keeps the
/// colour of the last dot drawn into it (a cell has one foreground), so draw the important
/// things last.
public struct BrailleCanvas: Hashable, Sendable {
    /// Size in terminal cells.
    public let width: Int
    public let height: Int
    private var dots: [UInt8]
    private var colors: [Color?]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        dots = Array(repeating: 0, count: self.width * self.height)
        colors = Array(repeating: nil, count: self.width * self.height)
    }

    public var pixelWidth: Int { width * 2 }
    public var pixelHeight: Int { height * 4 }

    /// Bit of dot (column, row) inside a cell, in the Unicode braille numbering (dots 1–8).
    private static let bits: [[UInt8]] = [
        [0x01, 0x02, 0x04, 0x40],  // left column, rows 0–3
        [0x08, 0x10, 0x20, 0x80],  // right column
    ]

    /// Turns on the dot at pixel (x, y); outside the canvas does nothing.
    public mutating func set(_ x: Int, _ y: Int, color: Color? = nil) {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return }
        let cell = (y / 4) * width + x / 2
        dots[cell] |= Self.bits[x % 2][y % 4]
        if let color { colors[cell] = color }
    }

    /// Whether the dot at pixel (x, y) is on.
    public func isSet(_ x: Int, _ y: Int) -> Bool {
        guard x >= 0, y >= 0, x < pixelWidth, y < pixelHeight else { return false }
        return dots[(y / 4) * width + x / 2] & Self.bits[x % 2][y % 4] != 0
    }

    /// A straight line of dots between two pixel positions (rounded), both ends included.
    ///
    /// `dotted` draws every other dot, which tells lines apart where colour cannot.
    public mutating func line(from start: (x: Double, y: Double), to end: (x: Double, y: Double), color: Color? = nil, dotted: Bool = false) {
        // Bresenham: integer steps, no gaps, no doubled dots.
        var x0 = Int(start.x.rounded()), y0 = Int(start.y.rounded())
        let x1 = Int(end.x.rounded()), y1 = Int(end.y.rounded())
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        var step = 0
        while true {
            if !dotted || step % 2 == 0 { set(x0, y0, color: color) }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
            step += 1
        }
    }

    /// The braille character of cell (column, row), or nil when the cell has no dots.
    public func character(column: Int, row: Int) -> Character? {
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        let mask = dots[row * width + column]
        guard mask != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(mask)) else { return nil }
        return Character(scalar)
    }

    /// The colour of the last dot drawn into cell (column, row).
    public func color(column: Int, row: Int) -> Color? {
        guard column >= 0, row >= 0, column < width, row < height else { return nil }
        return colors[row * width + column]
    }

    /// Draws the canvas with its top-left cell at (x, y); empty cells are left untouched so the
    /// canvas can lie over other drawing. `style` gives attributes and the colour of uncoloured dots.
    public func render(atX x: Int, y: Int, grid: inout CellGrid, style: Style = .plain, clip: Rect? = nil) {
        let area = clip ?? grid.bounds
        for row in 0..<height {
            for column in 0..<width {
                guard let character = character(column: column, row: row) else { continue }
                let gx = x + column, gy = y + row
                guard gx >= area.x, gx < area.maxX, gy >= area.y, gy < area.maxY else { continue }
                var cellStyle = style
                if let color = color(column: column, row: row) { cellStyle.foreground = color }
                grid[gx, gy] = Cell(character, style: cellStyle)
            }
        }
    }
}
