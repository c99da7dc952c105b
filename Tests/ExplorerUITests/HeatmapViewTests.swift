import ExplorerUI
import SnapshotTesting
import XCTest

final class HeatmapViewTests: XCTestCase {
    private func attentionMap(depth: ColorDepth = .direct, cursor: MatrixIndex? = nil) -> HeatmapView {
        HeatmapView.attention(weights: Sample.weights, masked: Sample.causalMask, tokens: Sample.tokens, depth: depth, cursor: cursor)
    }

    func testAttentionMapSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in attentionMap(cursor: MatrixIndex(row: 1, column: 0)).render(in: area, grid: &grid) }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
    }

    func testMonochromeAndPaletteSnapshots() {
        for depth in [ColorDepth.monochrome, .ansi8, .ansi256] {
            let grid = rendered((80, 24)) { area, grid in attentionMap(depth: depth).render(in: area, grid: &grid) }
            assertGridSnapshots(grid, named: depth.rawValue)
        }
        var projector = attentionMap(cursor: MatrixIndex(row: 2, column: 1))
        projector.theme = .projector
        projector.colorMap = .magma
        let grid = rendered((80, 24)) { area, grid in projector.render(in: area, grid: &grid) }
        assertGridSnapshots(grid, named: "projector-magma")
    }

    func testDenseMapPacksTwoRowsPerLine() {
        let view = HeatmapView(values: Sample.dense(rows: 40, columns: 40), title: "scores", cursor: MatrixIndex(row: 5, column: 7))
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in view.render(in: area, grid: &grid) }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
        let layout = view.layout(in: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertEqual(layout.rowsPerLine, 2)
        XCTAssertEqual(layout.visibleColumns, 0..<40)
        XCTAssertTrue(layout.visibleRows.contains(5), "the cursor row stays in view")
        XCTAssertEqual(view.layout(in: Rect(x: 0, y: 0, width: 120, height: 40)).visibleRows, 0..<40)
    }

    func testLayoutReportsCellSizeForCursorMapping() {
        let layout = attentionMap().layout(in: Rect(x: 0, y: 0, width: 80, height: 24))
        XCTAssertEqual(layout.cellWidth, 16, "room to spare: the widest cells allowed")
        XCTAssertEqual(layout.cellHeight, 4)
        let narrow = attentionMap().layout(in: Rect(x: 0, y: 0, width: 54, height: 24))
        XCTAssertEqual(narrow.cellWidth, 12, "the widest label (11 columns) plus a gap")
        XCTAssertEqual(layout.rowsPerLine, 1)
        XCTAssertEqual(layout.labelMode, .full)
        let cell = try! XCTUnwrap(layout.rect(of: MatrixIndex(row: 2, column: 1)))
        XCTAssertEqual(layout.index(atX: cell.x, y: cell.y), MatrixIndex(row: 2, column: 1))
        XCTAssertEqual(layout.index(atX: cell.maxX - 1, y: cell.maxY - 1), MatrixIndex(row: 2, column: 1))
        XCTAssertNil(layout.rect(of: MatrixIndex(row: 3, column: 0)))
    }

    func testCyrillicColumnLabelsAreCentredOverTheirCells() {
        let view = attentionMap()
        let grid = rendered((80, 24)) { area, grid in view.render(in: area, grid: &grid) }
        let layout = view.layout(in: grid.bounds)
        let header = grid.lines[layout.labelLineY]
        for (j, token) in Sample.tokens.enumerated() {
            let start = try! XCTUnwrap(displayColumn(of: token, in: header), "label \(token) missing")
            let cell = layout.rect(of: MatrixIndex(row: 0, column: j))!
            let centre = start + columnWidth(of: token) / 2
            XCTAssertTrue(cell.x <= start && start + columnWidth(of: token) <= cell.maxX, "\(token) inside its column")
            XCTAssertLessThanOrEqual(abs(centre - (cell.x + cell.width / 2)), 1, "\(token) centred")
        }
    }

    func testMaskedCellsAreDottedNotColouredAsZero() {
        let view = HeatmapView(values: [[0, 0.5], [0.25, 1]], masked: [[false, true], [false, false]], range: 0...1, showLegend: false)
        let grid = rendered((40, 10)) { area, grid in view.render(in: area, grid: &grid) }
        let layout = view.layout(in: grid.bounds)
        let masked = layout.rect(of: MatrixIndex(row: 0, column: 1))!
        let zero = layout.rect(of: MatrixIndex(row: 0, column: 0))!
        XCTAssertEqual(grid[masked.x, masked.y].character, "·")
        XCTAssertEqual(grid[masked.x, masked.y].style.background, .default)
        XCTAssertEqual(grid[zero.x, zero.y].style.background, .rgb(68, 1, 84), "0 is the first viridis colour")
    }

    func testMonochromeUsesShadesAndPrintsValues() {
        let view = HeatmapView(values: [[0, 1]], depth: .monochrome, showLegend: false)
        let grid = rendered((40, 8)) { area, grid in view.render(in: area, grid: &grid) }
        let layout = view.layout(in: grid.bounds)
        let full = layout.rect(of: MatrixIndex(row: 0, column: 1))!
        XCTAssertGreaterThan(full.height, 1)
        XCTAssertEqual(grid[full.x, full.maxY - 1].character, "█", "the line without the number is all shade")
        let zero = layout.rect(of: MatrixIndex(row: 0, column: 0))!
        XCTAssertEqual(grid[zero.x, zero.maxY - 1].character, " ", "0 is the lightest shade")
        XCTAssertTrue(grid.cells.allSatisfy { $0.style.background == .default && $0.style.foreground == .default })
        XCTAssertFalse(lines(of: grid, containing: " 1 ").isEmpty, "whole numbers print without decimals, losing nothing")
        XCTAssertTrue(lines(of: grid, containing: "1.0").isEmpty)
    }

    func testRowSumsShowOne() {
        let grid = rendered((80, 24)) { area, grid in attentionMap().render(in: area, grid: &grid) }
        XCTAssertEqual(grid.lines.filter { $0.hasSuffix("1.00") }.count, 3)
        XCTAssertFalse(lines(of: grid, containing: "Σ").isEmpty)
    }

    func testNarrowAreaNumbersColumnsAndListsTheKey() {
        let view = HeatmapView(values: Sample.dense(rows: 3, columns: 12), rowLabels: Sample.tokens,
                               columnLabels: (0..<12).map { "токен\($0)" })
        let grid = rendered((40, 12)) { area, grid in view.render(in: area, grid: &grid) }
        let layout = view.layout(in: grid.bounds)
        XCTAssertEqual(layout.labelMode, .numbered)
        XCTAssertFalse(lines(of: grid, containing: "j: 0 токен0").isEmpty, grid.text)
    }
}
