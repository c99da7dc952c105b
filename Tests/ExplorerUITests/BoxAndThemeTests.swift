import ExplorerUI
import SnapshotTesting
import XCTest

final class BoxAndThemeTests: XCTestCase {
    func testBoxSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in
                let (left, right) = area.splitLeft(area.width / 2)
                let inner = Box(title: "Внимание", focused: true).render(in: left, grid: &grid)
                grid.put("inside", x: inner.x, y: inner.y)
                Box(title: "a title far too long to fit in the top border of this box", theme: .projector)
                    .render(in: Rect(x: right.x, y: right.y, width: 20, height: 4), grid: &grid)
            }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
    }

    func testBoxReturnsInnerAreaAndDrawsCorners() {
        var grid = CellGrid(width: 10, height: 4)
        let inner = Box(title: "T").render(in: grid.bounds, grid: &grid)
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 8, height: 2))
        XCTAssertEqual(grid.lines, ["┌─ T ────┐", "│        │", "│        │", "└────────┘"])
        var tiny = CellGrid(width: 1, height: 1)
        XCTAssertEqual(Box().render(in: tiny.bounds, grid: &tiny), tiny.bounds, "no room for a border")
    }

    func testFocusShowsWithoutColour() {
        var grid = CellGrid(width: 12, height: 3)
        Box(title: "T", focused: true, theme: Theme.dark.reduced(to: .monochrome)).render(in: grid.bounds, grid: &grid)
        XCTAssertTrue(grid[0, 0].style.bold)
        XCTAssertTrue(grid[3, 0].style.reverse, "the title is reversed")
        XCTAssertEqual(grid[0, 0].style.foreground, .default)
    }

    func testThemes() {
        XCTAssertEqual(Theme.named("projector"), .projector)
        XCTAssertNil(Theme.named("neon"))
        let projector = Theme.projector
        for style in [projector.text, projector.dimText, projector.title, projector.accent, projector.border, projector.code] {
            XCTAssertEqual(style.background, .rgb(255, 255, 255), "projector text always sits on white")
        }
        XCTAssertNotEqual(Theme.dark.accent, Theme.dark.secondaryAccent)
        let mono = Theme.dark.reduced(to: .monochrome)
        XCTAssertEqual(mono.title.foreground, .default)
        XCTAssertTrue(mono.title.bold)
        XCTAssertTrue(mono.dimText.dim)
        guard case .indexed = Theme.dark.reduced(to: .ansi256).accent.foreground else { return XCTFail() }
    }
}
