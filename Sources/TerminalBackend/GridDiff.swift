import ExplorerUI

/// A horizontal run of cells on one row that must be drawn again.
public struct CellRun: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var columns: Range<Int>

    public init(row: Int, columns: Range<Int>) {
        self.row = row
        self.columns = columns
    }

    public var description: String { "row \(row) columns \(columns.lowerBound)..<\(columns.upperBound)" }
}

/// The runs of cells in `next` that differ from `previous`, row by row, left to right.
///
/// With no previous grid, or one of another size, every row is one run: the screen is drawn in
/// full. A changed continuation cell pulls its wide character's first cell into the run, because
/// the terminal can only redraw a wide character whole.
public func changedRuns(from previous: CellGrid?, to next: CellGrid) -> [CellRun] {
    guard next.width > 0 else { return [] }
    guard let previous, previous.width == next.width, previous.height == next.height else {
        return (0..<next.height).map { CellRun(row: $0, columns: 0..<next.width) }
    }
    var runs: [CellRun] = []
    let width = next.width
    for y in 0..<next.height {
        let rowStart = y * width
        var x = 0
        while x < width {
            guard previous.cells[rowStart + x] != next.cells[rowStart + x] else {
                x += 1
                continue
            }
            var start = x
            while x < width && previous.cells[rowStart + x] != next.cells[rowStart + x] { x += 1 }
            if start > 0 && next.cells[rowStart + start].isContinuation { start -= 1 }
            // Join a run that now touches the one before it, so each cell is drawn once.
            if let last = runs.last, last.row == y, last.columns.upperBound >= start {
                runs[runs.count - 1].columns = last.columns.lowerBound..<x
            } else {
                runs.append(CellRun(row: y, columns: start..<x))
            }
        }
    }
    return runs
}
