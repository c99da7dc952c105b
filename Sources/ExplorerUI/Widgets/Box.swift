/// A border box with an optional title, the frame around every panel.
///
/// Draws `┌─ Title ──┐ │ │ └──┘` around an area and returns the inner area for the content.
/// Focus is shown three ways at once, so it survives any colour depth: the border takes the
/// theme's focus colour and bold, and the title is drawn reversed.
public struct Box: Hashable, Sendable {
    public var title: String?
    public var focused: Bool
    public var theme: Theme

    public init(title: String? = nil, focused: Bool = false, theme: Theme = .dark) {
        self.title = title
        self.focused = focused
        self.theme = theme
    }

    /// The area left inside the border of `area`.
    public static func inner(of area: Rect) -> Rect { area.inset(by: 1) }

    /// Draws the box around `area` and returns the inner area.
    ///
    /// An area under 2×2 has no room for a border; it is left alone and returned whole.
    @discardableResult
    public func render(in area: Rect, grid: inout CellGrid) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return area }
        let border = focused ? theme.focus : theme.border
        let right = area.maxX - 1, bottom = area.maxY - 1
        for x in (area.x + 1)..<right {
            grid[x, area.y] = Cell("─", style: border)
            grid[x, bottom] = Cell("─", style: border)
        }
        for y in (area.y + 1)..<bottom {
            grid[area.x, y] = Cell("│", style: border)
            grid[right, y] = Cell("│", style: border)
        }
        grid[area.x, area.y] = Cell("┌", style: border)
        grid[right, area.y] = Cell("┐", style: border)
        grid[area.x, bottom] = Cell("└", style: border)
        grid[right, bottom] = Cell("┘", style: border)

        if let title, !title.isEmpty, area.width >= 6 {
            // "┌─ " + title + " ─┐": the title gets what is left after four border cells.
            let text = " " + truncatedText(title, width: area.width - 6) + " "
            var style = focused ? theme.focus : theme.title
            style.reverse = focused
            grid.put(text, x: area.x + 2, y: area.y, style: style, clip: area)
        }
        return Box.inner(of: area)
    }
}
