import AttentionKernel
@testable import ExplorerUI
import LessonEngine
import XCTest

/// One rule for masked cells on every op: a multi-head map under a causal mask shows the same
/// masked cells, drawn the same way, as a single-head attention map.
final class MaskedCellRuleTests: XCTestCase {
    private func computed(_ yaml: String) throws -> ComputedScene {
        let source = "---\ntitle: t\n---\n## s\n```scene\n\(yaml)\n```\n"
        let (lesson, diagnostics) = parseLesson(source: source, file: "t.md")
        XCTAssertEqual(diagnostics, [])
        return try evaluate(XCTUnwrap(lesson.steps.first?.scene), overrides: [:])
    }

    func testMultiHeadMarksMaskedCellsAsAttentionDoes() throws {
        let x = "tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 1}\n"
        let single = try computed(x + "  W_Q: {random: normal, shape: [4, 2], seed: 2}\n  W_K: {random: normal, shape: [4, 2], seed: 3}\n  W_V: {random: normal, shape: [4, 2], seed: 4}\nop: attention\nmask: causal")
        let multi = try computed(x + "op: multiHead\nnumHeads: 2\nheadDim: 2\nmask: causal")
        let one = SceneRenderer(scene: single, style: SceneStyle())
        let many = SceneRenderer(scene: multi, style: SceneStyle())
        let causal = [[false, true, true], [false, false, true], [false, false, false]]
        XCTAssertEqual(one.maskedCells(for: try XCTUnwrap(single["weights"])), causal)
        for h in 0..<2 {
            XCTAssertEqual(many.maskedCells(for: try XCTUnwrap(multi["weights[\(h)]"])), causal, "head \(h)")
        }
        // Drawn: the masked cell (0, 2) is the masked mark, not a value of 0.00.
        let view = many.heatmap(try XCTUnwrap(multi["weights[0]"]), title: "w", cursor: nil)
        var grid = CellGrid(width: 60, height: 14)
        view.render(in: grid.bounds, grid: &grid)
        XCTAssertTrue(grid.text.contains("· masked"), grid.text)
        // Row `a` sees only itself: its two masked cells are dots, not the value 0.
        let rowA = try XCTUnwrap(grid.lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("a ") }, grid.text)
        XCTAssertTrue(rowA.contains("·"), rowA)
        XCTAssertFalse(rowA.contains("0.00"), rowA)
    }
}
