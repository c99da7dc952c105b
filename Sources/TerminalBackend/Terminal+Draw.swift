#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import ExplorerUI

extension Terminal {
    /// Shows `grid`, writing only the cells that changed since the last frame, then refreshes.
    ///
    /// Cells beyond the terminal's size are clipped. The first frame, the first after a resize or
    /// `invalidate()`, and a frame of another size are drawn in full.
    public func draw(_ grid: CellGrid) {
        guard isActive, let window else { return }
        if pairs.exhausted {
            // Pairs ran out last frame and some cells lost their colour: start the table afresh.
            pairs.reset()
            previousFrame = nil
            clearok(window, true)
        }
        let isFullFrame = previousFrame == nil
        if isFullFrame { werase(window) }
        let visibleWidth = min(grid.width, size.width)
        let visibleHeight = min(grid.height, size.height)
        for run in changedRuns(from: previousFrame, to: grid) where run.row < visibleHeight {
            for x in run.columns where x < visibleWidth {
                drawCell(of: grid, x: x, y: run.row, visibleWidth: visibleWidth, window: window)
            }
        }
        previousFrame = grid
        if pairs.exhausted && !isFullFrame {
            draw(grid)  // once more, in full, with an empty table; `isFullFrame` stops a loop
            return
        }
        wrefresh(window)
    }

    private func drawCell(of grid: CellGrid, x: Int, y: Int, visibleWidth: Int, window: UnsafeMutablePointer<WINDOW>) {
        let cell = grid[x, y]
        if cell.isContinuation {
            // The wide character to the left drew this column; an orphan gets a blank.
            if x > 0 && !grid[x - 1, y].isContinuation { return }
            put([32], width: 1, style: cell.style, x: x, y: y, window: window)
            return
        }
        let isWide = x + 1 < grid.width && grid[x + 1, y].isContinuation
        let room = isWide && x + 1 < visibleWidth ? 2 : 1
        let (text, width) = terminalText(for: cell.character, columns: room)
        put(text, width: width, style: cell.style, x: x, y: y, window: window)
        if isWide && width == 1 && x + 1 < visibleWidth {
            // The C library thinks this character is narrower than the grid does: keep the
            // layout the grid promised by blanking the column it reserved.
            put([32], width: 1, style: cell.style, x: x + 1, y: y, window: window)
        }
    }

    private func put(_ text: [wchar_t], width: Int, style: Style, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>) {
        var pair = colorPair(for: style)
        var character = cchar_t()
        let terminated = text + [0]
        terminated.withUnsafeBufferPointer { buffer in
            // The pair goes in `opts` as an int: the short argument cannot hold pairs above 32767.
            _ = setcchar(&character, buffer.baseAddress, attributes(of: style), Int16(clamping: pair), &pair)
        }
        // Fails for the bottom-right cell (the cursor cannot advance past it) after the
        // character is stored, which is all we need.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    private func attributes(of style: Style) -> attr_t {
        var result: attr_t = 0
        if style.bold { result |= attn_a_bold() }
        if style.dim { result |= attn_a_dim() }
        if style.italic { result |= attn_a_italic() }
        if style.underline { result |= attn_a_underline() }
        if style.reverse { result |= attn_a_reverse() }
        return result
    }

    private func colorPair(for style: Style) -> Int32 {
        let colors = ColorPairTable.Colors(
            foreground: colorNumber(for: style.foreground), background: colorNumber(for: style.background))
        return pairs.pair(for: colors) { number, foreground, background in
            init_extended_pair(number, foreground, background) != ERR
        }
    }

    /// Reduces and numbers `color`, remembering the answer: a full frame asks about every cell,
    /// and the nearest-colour search is an exhaustive one.
    private func colorNumber(for color: Color) -> Int32 {
        if let number = colorNumbers[color] { return number }
        let number = terminalColorNumber(color.reduced(to: colorDepth), palette: palette)
        colorNumbers[color] = number
        return number
    }
}

/// The wide characters to hand ncurses for `character` in `columns` columns, and how many
/// columns they really take.
///
/// The first scalar is the spacing character; only the zero-width scalars after it (combining
/// marks, variation selectors, joiners) may follow, at most `CCHARW_MAX` in all. A character the
/// C library cannot print, or finds wider than the room the grid gave it, becomes "?", so one
/// odd character never shifts the rest of the row.
func terminalText(for character: Character, columns: Int) -> (text: [wchar_t], width: Int) {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return ([32], 1) }
    let width = Int(attn_wcwidth(wchar_t(bitPattern: first.value)))
    guard width >= 1 && width <= columns else { return ([63], 1) }
    var text = [wchar_t(bitPattern: first.value)]
    for scalar in scalars.dropFirst() {
        guard text.count < Int(CCHARW_MAX), attn_wcwidth(wchar_t(bitPattern: scalar.value)) == 0 else { break }
        text.append(wchar_t(bitPattern: scalar.value))
    }
    return (text, width)
}
