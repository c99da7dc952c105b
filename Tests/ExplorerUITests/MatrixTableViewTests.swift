import ExplorerUI
import SnapshotTesting
import XCTest

final class MatrixTableViewTests: XCTestCase {
    private let scores = MatrixTableView(
        values: [[0.1, -.infinity, -.infinity], [0.96, 0, -.infinity], [0.2, 1.16, 1.72]],
        rowLabels: Sample.tokens, columnLabels: Sample.tokens, decimals: 2, title: "QKᵀ (masked)",
        highlight: MatrixIndex(row: 2, column: 2))

    func testSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in
                let (top, bottom) = area.splitTop(7)
                scores.render(in: top, grid: &grid)
                MatrixTableView(vector: [0.5, -1.25, 3, 0.001], labels: ["d0", "d1", "d2", "d3"], name: "q", title: "query vector")
                    .render(in: bottom, grid: &grid)
            }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
    }

    func testNumbersAlignOnTheRightAndInfinityPrints() {
        let grid = rendered((80, 10)) { area, grid in scores.render(in: area, grid: &grid) }
        let rows = grid.lines[2...4].map { String($0) }
        XCTAssertTrue(rows[0].contains("-∞"))
        // Column 0 ends at the same display column in every row: "0.10", "0.96", "0.20".
        let ends = zip(rows, ["0.10", "0.96", "0.20"]).map { displayColumn(of: $1, in: $0)! + 4 }
        XCTAssertEqual(Set(ends).count, 1, "\(rows)")
        XCTAssertEqual(rows.map { $0.first { "⎡⎢⎣".contains($0) } }, ["⎡", "⎢", "⎣"])
    }

    func testColumnsThatDoNotFitBecomeAnEllipsis() {
        let wide = MatrixTableView(values: [Array(repeating: 123.456, count: 12)], decimals: 3)
        let grid = rendered((40, 3)) { area, grid in wide.render(in: area, grid: &grid) }
        XCTAssertTrue(grid.lines[0].contains("…"), grid.text)
        XCTAssertTrue(grid.lines[0].hasSuffix("]"), grid.text)
        XCTAssertLessThanOrEqual(columnWidth(of: grid.lines[0]), 40)
        XCTAssertEqual(wide.naturalSize.height, 1)
    }
}
