/// Colour pairs allocated on demand: one ncurses pair per (foreground, background) in use.
///
/// ncurses draws colour only through numbered pairs, and a terminal has a fixed number of them
/// (`COLOR_PAIRS`, 65536 for xterm-256color with ncurses 6). A heatmap in direct colour can ask
/// for more than that over a session, so when the table runs out it hands back pair 0 (default
/// colours) and marks itself `exhausted`; the terminal then resets it and redraws the next frame
/// in full, which needs at most one pair per visible cell.
public struct ColorPairTable: Sendable {
    /// A pair's two ncurses colour numbers; -1 is the terminal default.
    public struct Colors: Hashable, Sendable {
        public var foreground: Int32
        public var background: Int32

        public init(foreground: Int32, background: Int32) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// One more than the highest pair number the terminal allows.
    public let limit: Int32
    /// Set when a request found no free pair; cleared by `reset()`.
    public private(set) var exhausted = false
    private var numbers: [Colors: Int32] = [:]
    private var nextNumber: Int32 = 1

    public init(limit: Int) {
        self.limit = Int32(clamping: max(1, limit))
    }

    /// How many pairs are defined now.
    public var count: Int { numbers.count }

    /// The pair number for `colors`, defining it with `define(number, fg, bg)` the first time.
    ///
    /// Default on default is always pair 0, which needs no definition. A failed definition or a
    /// full table answers 0 too: the cell loses its colour but keeps its text and attributes.
    public mutating func pair(for colors: Colors, define: (Int32, Int32, Int32) -> Bool) -> Int32 {
        if colors.foreground == -1 && colors.background == -1 { return 0 }
        if let number = numbers[colors] { return number }
        guard nextNumber < limit else {
            exhausted = true
            return 0
        }
        guard define(nextNumber, colors.foreground, colors.background) else { return 0 }
        numbers[colors] = nextNumber
        nextNumber += 1
        return numbers[colors]!
    }

    /// Forgets every pair, so numbers are handed out from 1 again.
    public mutating func reset() {
        numbers.removeAll(keepingCapacity: true)
        nextNumber = 1
        exhausted = false
    }
}
