import ExplorerUI
import Foundation
import SnapshotTesting
import XCTest

final class RotationPlotViewTests: XCTestCase {
    /// RoPE at position m = 2 with d = 8: pair i turns by m·θ_i, θ_i = 10000^(−2i/d).
    private var pairs: [RotationPair] {
        let befores: [(Double, Double)] = [(1, 0), (0.8, 0.6), (0, 1), (-0.6, 0.8)]
        return befores.enumerated().map { i, v in
            let theta = pow(10000, -2 * Double(i) / 8)
            let a = 2 * theta
            let after = (v.0 * cos(a) - v.1 * sin(a), v.0 * sin(a) + v.1 * cos(a))
            return RotationPair(before: v, after: after, label: "i=\(i) θ=\(formatFixed(Float(theta), decimals: 2))")
        }
    }

    func testSnapshots() {
        for size in snapshotSizes {
            let grid = rendered(size) { area, grid in RotationPlotView(pairs: pairs, title: "RoPE, m = 2").render(in: area, grid: &grid) }
            assertGridSnapshots(grid, named: "\(size.width)x\(size.height)")
        }
        let mono = rendered((80, 24)) { area, grid in RotationPlotView(pairs: pairs, depth: .monochrome).render(in: area, grid: &grid) }
        assertGridSnapshots(mono, named: "monochrome")
    }

    func testAngleIsSignedAndWrapped() {
        XCTAssertEqual(RotationPair(before: (1, 0), after: (0, 1), label: "").angle, .pi / 2, accuracy: 1e-12)
        XCTAssertEqual(RotationPair(before: (0, 1), after: (1, 0), label: "").angle, -.pi / 2, accuracy: 1e-12)
        XCTAssertEqual(RotationPair(before: (-1, 0.01), after: (-1, -0.01), label: "").angle, 0.02, accuracy: 1e-4,
                       "across the ±π seam the short way round")
    }

    func testCaptionsShowLabelAndAngle() {
        let grid = rendered((80, 24)) { area, grid in RotationPlotView(pairs: pairs).render(in: area, grid: &grid) }
        XCTAssertFalse(lines(of: grid, containing: "i=0 θ=1.00").isEmpty, grid.text)
        XCTAssertFalse(lines(of: grid, containing: "∠ +114.6°").isEmpty, grid.text)
        XCTAssertFalse(lines(of: grid, containing: "∠ +11.5°").isEmpty, grid.text)
    }

    func testBeforeAndAfterDifferInColourOrDots() {
        let colour = rendered((80, 24)) { area, grid in RotationPlotView(pairs: pairs).render(in: area, grid: &grid) }
        let colours = Set(colour.cells.filter { ($0.character.unicodeScalars.first!.value & 0xFF00) == 0x2800 }.map(\.style.foreground))
        XCTAssertTrue(colours.contains(Theme.dark.accent.foreground))
        XCTAssertTrue(colours.contains(Theme.dark.secondaryAccent.foreground))
        let mono = rendered((80, 24)) { area, grid in RotationPlotView(pairs: pairs, depth: .monochrome).render(in: area, grid: &grid) }
        XCTAssertTrue(mono.lines[0].contains("⠂⠂⠂ before"), "monochrome legend names the dotted line")
    }

    func testBrailleDotsFollowTheUnicodeNumbering() {
        var canvas = BrailleCanvas(width: 2, height: 1)
        canvas.set(0, 0)
        XCTAssertEqual(canvas.character(column: 0, row: 0), "⠁")
        canvas.set(1, 3)
        XCTAssertEqual(canvas.character(column: 0, row: 0), "⢁")
        canvas.set(9, 9)  // outside: ignored
        XCTAssertNil(canvas.character(column: 1, row: 0))
        canvas.line(from: (0, 1), to: (3, 1))
        XCTAssertEqual(canvas.character(column: 1, row: 0), "⠒")
        XCTAssertTrue(canvas.isSet(2, 1))
        var dotted = BrailleCanvas(width: 2, height: 1)
        dotted.line(from: (0, 0), to: (3, 0), dotted: true)
        XCTAssertEqual([dotted.isSet(0, 0), dotted.isSet(1, 0), dotted.isSet(2, 0), dotted.isSet(3, 0)], [true, false, true, false])
    }
}
