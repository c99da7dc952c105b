import ExplorerUI
import SnapshotTesting
import XCTest

final class AnsiTextTests: XCTestCase {
    private var sample: CellGrid {
        var grid = CellGrid(width: 12, height: 4)
        grid.put("plain", x: 0, y: 0)
        grid.put("red", x: 0, y: 1, style: Style(foreground: .rgb(255, 0, 0), bold: true))
        grid.put("Я", x: 4, y: 1, style: Style(background: .rgb(68, 1, 84)))
        grid.put("中", x: 0, y: 2)
        grid.put("   ", x: 6, y: 2, style: Style(background: .ansi(2)))
        return grid
    }

    func testMonochromeIsPlainText() {
        let text = ansiText(sample, depth: .monochrome)
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertEqual(text, "plain\nred Я\n中", "trailing blanks trimmed (colour is invisible here), empty last line dropped")
        XCTAssertTrue(ansiText(sample, depth: .ansi8).hasSuffix("中    \u{1B}[0;42m   \u{1B}[0m"), "a coloured blank is kept")
    }

    func testSGRAtEachDepth() {
        let direct = ansiText(sample, depth: .direct)
        XCTAssertTrue(direct.contains("\u{1B}[0;1;38;2;255;0;0mred"))
        XCTAssertTrue(direct.contains("\u{1B}[0;48;2;68;1;84mЯ\u{1B}[0m"))
        let palette = ansiText(sample, depth: .ansi256)
        XCTAssertTrue(palette.contains("\u{1B}[0;1;38;5;196mred"))
        let eight = ansiText(sample, depth: .ansi8)
        XCTAssertTrue(eight.contains("\u{1B}[0;1;31mred"))
        XCTAssertTrue(eight.contains("\u{1B}[0;42m   \u{1B}[0m"))
        for line in direct.split(separator: "\n") where line.contains("\u{1B}") {
            XCTAssertTrue(line.hasSuffix("\u{1B}[0m"), "every styled line ends with a reset")
        }
    }

    func testHeatmapPrintSnapshot() {
        let view = HeatmapView.attention(weights: Sample.weights, masked: Sample.causalMask, tokens: Sample.tokens, depth: .ansi256)
        var grid = CellGrid(width: 80, height: 24)
        view.render(in: grid.bounds, grid: &grid)
        let text = ansiText(grid, depth: .ansi256).replacingOccurrences(of: "\u{1B}", with: "⎋")
        assertSnapshot(of: text + "\n", as: .lines)
    }
}
