import ExplorerUI
import LessonEngine
import SnapshotTesting
import XCTest

final class ProseViewTests: XCTestCase {
    static let lesson = """
        # Scaled dot-product attention

        Each query $q_i$ scores every key $k_j$ with a dot product, and the scores are *scaled* by \
        $1/\\sqrt{d_k}$ so that the **softmax** does not saturate. In code: `scores = q @ k.T`.

        $$\\text{softmax}(QK^T/\\sqrt{d_k})V$$

        ## По-русски

        Я люблю трансформер: внимание смотрит на все токены сразу.

        - masked entries are $-\\infty$ before the softmax
        - every row of weights sums to $1$
        1. compute $QK^\\top$
        2. scale, mask, softmax

        ```
        weights = softmax(scores)
        ```
        """

    func testSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in ProseView(markdown: Self.lesson).render(in: area, grid: &grid) }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
    }

    func testNarrowAreaScrollsWithMarks() {
        let view = ProseView(markdown: Self.lesson, scroll: 3)
        let grid = rendered((30, 10)) { area, grid in view.render(in: area, grid: &grid) }
        XCTAssertGreaterThan(view.lineCount(width: 30), 10)
        XCTAssertEqual(grid[29, 0].character, "▲")
        XCTAssertEqual(grid[29, 9].character, "▼")
        XCTAssertTrue(grid.lines.allSatisfy { columnWidth(of: $0) <= 30 })
        assertGridSnapshots(grid, named: "30x10-scrolled")
    }

    func testSpanStyles() {
        let theme = Theme.dark
        let grid = rendered((80, 24)) { area, grid in ProseView(markdown: Self.lesson).render(in: area, grid: &grid) }
        func style(of text: String) -> Style {
            for (y, line) in grid.lines.enumerated() {
                if let x = displayColumn(of: text, in: line) { return grid[x, y].style }
            }
            XCTFail("\(text) not drawn")
            return .plain
        }
        XCTAssertTrue(style(of: "Scaled").bold)
        XCTAssertTrue(style(of: "Scaled").underline, "level-1 heading")
        XCTAssertTrue(style(of: "scaled").italic)
        XCTAssertTrue(style(of: "softmax does").bold)
        XCTAssertEqual(style(of: "scores = q").foreground, theme.code.foreground)
        XCTAssertEqual(style(of: "1/√dₖ").foreground, theme.accent.foreground, "maths converted and in the accent colour")
        XCTAssertEqual(style(of: "•").foreground, theme.accent.foreground)
    }
}
