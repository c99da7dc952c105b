import ExplorerUI
import LessonEngine
import XCTest

/// Every widget, in every area from empty to roomy: it must not crash and must not draw outside.
final class WidgetBoundsTests: XCTestCase {
    private let widgets: [(String, (Rect, inout CellGrid) -> Void)] = [
        ("heatmap", { area, grid in
            HeatmapView.attention(weights: Sample.weights, masked: Sample.causalMask, tokens: Sample.tokens,
                                  cursor: MatrixIndex(row: 2, column: 2)).render(in: area, grid: &grid)
        }),
        ("dense heatmap", { area, grid in
            HeatmapView(values: Sample.dense(rows: 50, columns: 70), columnLabels: (0..<70).map { "t\($0)" },
                        depth: .monochrome, cursor: MatrixIndex(row: 49, column: 69)).render(in: area, grid: &grid)
        }),
        ("softmax row", { area, grid in
            SoftmaxRowView(labels: Sample.tokens, weights: Sample.weights[1], scores: [1, 0, -.infinity],
                           scaledScores: [0.5, 0, -.infinity], title: "q", selected: 1).render(in: area, grid: &grid)
        }),
        ("rotation plot", { area, grid in
            RotationPlotView(pairs: [RotationPair(before: (1, 0), after: (0, 1), label: "i=0 θ=1.00"),
                                     RotationPair(before: (0, 0), after: (0, 0), label: "zero")],
                             title: "RoPE").render(in: area, grid: &grid)
        }),
        ("matrix table", { area, grid in
            MatrixTableView(values: [[1, -.infinity], [0.5, 2]], rowLabels: ["a", "б"], columnLabels: ["x", "y"],
                            title: "M").render(in: area, grid: &grid)
        }),
        ("prose", { area, grid in ProseView(markdown: ProseViewTests.lesson, scroll: 2).render(in: area, grid: &grid) }),
        ("box", { area, grid in Box(title: "Внимание", focused: true).render(in: area, grid: &grid) }),
    ]

    func testWidgetsStayInsideTheirArea() {
        for (name, draw) in widgets {
            for (w, h) in [(0, 0), (1, 1), (3, 2), (7, 4), (15, 6), (33, 9), (60, 20)] {
                var grid = CellGrid(width: w + 4, height: h + 3)
                let area = Rect(x: 2, y: 1, width: w, height: h)
                draw(area, &grid)
                for y in 0..<grid.height {
                    for x in 0..<grid.width where !(area.x..<area.maxX).contains(x) || !(area.y..<area.maxY).contains(y) {
                        XCTAssertEqual(grid[x, y], .blank, "\(name) in \(area) drew at (\(x), \(y))")
                    }
                }
            }
        }
    }
}
