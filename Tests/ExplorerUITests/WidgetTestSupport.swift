import ExplorerUI
import SnapshotTesting
import XCTest

/// Shared inputs and snapshot helpers for the widget tests.
///
/// Every widget is rendered at the two sizes the guide fixes (80×24 and 120×40) and recorded
/// twice: the characters, and the styles (one key per style plus a legend), so a colour change
/// and a layout change show up as separate, readable diffs.
enum Sample {
    /// "Я люблю трансформер": one, five and eleven columns wide, all Cyrillic.
    static let tokens = ["Я", "люблю", "трансформер"]

    /// Causal attention weights for the three tokens; every row sums to 1.
    static let weights: [[Float]] = [
        [1.00, 0.00, 0.00],
        [0.62, 0.38, 0.00],
        [0.21, 0.34, 0.45],
    ]

    /// The upper triangle is masked (j > i): a token may not look ahead.
    static let causalMask: [[Bool]] = [
        [false, true, true],
        [false, false, true],
        [false, false, false],
    ]

    /// Scaled scores q·k/√d_k of the last query, and the raw q·k (d_k = 4).
    static let lastScaled: [Float] = [0.10, 0.58, 0.86]
    static let lastRaw: [Float] = [0.20, 1.16, 1.72]

    /// A dense matrix with a smooth pattern, for the half-block packing.
    static func dense(rows: Int, columns: Int) -> [[Float]] {
        (0..<rows).map { i in (0..<columns).map { j in Float((i * 7 + j * 3) % 23) / 22 } }
    }
}

/// The two sizes every widget is snapshotted at.
let snapshotSizes: [(width: Int, height: Int)] = [(80, 24), (120, 40)]

/// A blank grid of `size` after `draw` has drawn into its whole area.
func rendered(_ size: (width: Int, height: Int), _ draw: (Rect, inout CellGrid) -> Void) -> CellGrid {
    var grid = CellGrid(width: size.width, height: size.height)
    draw(grid.bounds, &grid)
    return grid
}

/// Snapshots of the characters and, separately, the styles of `grid`.
func assertGridSnapshots(
    _ grid: CellGrid, named name: String,
    file: StaticString = #filePath, testName: String = #function, line: UInt = #line
) {
    assertSnapshot(of: grid.text + "\n", as: .lines, named: name + ".chars", file: file, testName: testName, line: line)
    assertSnapshot(of: grid.styleLines.joined(separator: "\n") + "\n", as: .lines, named: name + ".styles",
                   file: file, testName: testName, line: line)
}

/// The grid's lines that contain `text`.
func lines(of grid: CellGrid, containing text: String) -> [String] {
    grid.lines.filter { $0.contains(text) }
}

/// The display column (not the character index) at which `text` starts on `line`.
func displayColumn(of text: String, in line: String) -> Int? {
    guard let range = line.range(of: text) else { return nil }
    return columnWidth(of: line[..<range.lowerBound])
}
