import ExplorerUI
import SnapshotTesting
import XCTest

final class SoftmaxRowViewTests: XCTestCase {
    private func lastQuery(depth: ColorDepth = .direct) -> SoftmaxRowView {
        SoftmaxRowView(
            labels: Sample.tokens, weights: Sample.weights[2], scores: Sample.lastRaw, scaledScores: Sample.lastScaled,
            title: "query 2 «трансформер»", selected: 2, depth: depth)
    }

    /// The middle query: its third key is masked (causal), so its weight is 0 and its scores −∞.
    private func middleQuery(depth: ColorDepth = .direct) -> SoftmaxRowView {
        SoftmaxRowView(
            labels: Sample.tokens, weights: Sample.weights[1], scores: [0.96, 0.00, -.infinity],
            scaledScores: [0.48, 0.00, -.infinity], masked: Sample.causalMask[1], title: "query 1 «люблю»", depth: depth)
    }

    func testSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in
                let (top, bottom) = area.splitTop(area.height / 2)
                lastQuery().render(in: top, grid: &grid)
                middleQuery().render(in: bottom, grid: &grid)
            }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
        let mono = rendered((80, 24)) { area, grid in middleQuery(depth: .monochrome).render(in: area, grid: &grid) }
        assertGridSnapshots(mono, named: "monochrome")
    }

    func testMaskedKeyShowsMinusInfinityAndNoBar() {
        let grid = rendered((80, 10)) { area, grid in middleQuery().render(in: area, grid: &grid) }
        let row = try! XCTUnwrap(lines(of: grid, containing: "трансформер").first)
        XCTAssertTrue(row.contains("-∞"), row)
        XCTAssertTrue(row.contains("masked"), row)
        XCTAssertFalse(row.contains("█"), row)
        XCTAssertFalse(lines(of: grid, containing: "Σ = 1.00").isEmpty)
    }

    func testBarsAreProportionalToWeights() {
        XCTAssertEqual(barText(0.5, width: 8), "████    ")
        XCTAssertEqual(barText(1, width: 4), "████")
        XCTAssertEqual(barText(0, width: 3), "   ")
        XCTAssertEqual(barText(1.0 / 16, width: 2), "▏ ", "one eighth of a cell")
        XCTAssertEqual(barText(0.5, width: 1), "▌")
        XCTAssertEqual(barText(2, width: 2), "██", "clamped to 1")
        let grid = rendered((80, 10)) { area, grid in lastQuery().render(in: area, grid: &grid) }
        let bars = Sample.tokens.map { token in
            lines(of: grid, containing: token).last!.filter { "█▉▊▋▌▍▎▏".contains($0) }.count
        }
        XCTAssertTrue(bars[0] < bars[1] && bars[1] < bars[2], "\(bars)")
    }

    func testScoreColumnsGiveWayInANarrowArea() {
        let grid = rendered((30, 8)) { area, grid in lastQuery().render(in: area, grid: &grid) }
        XCTAssertFalse(grid.text.contains("q·k"), grid.text)
        XCTAssertTrue(grid.text.contains("/√d_k"), grid.text)
    }
}
