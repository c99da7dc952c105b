import Foundation
import XCTest
import LessonEngine
@testable import ExplorerUI

/// Every control of every lesson, over its whole range and over the extreme values a number can
/// take: each evaluation either fails with a scene error or gives numbers without NaN, and no
/// view ever draws "nan".
final class ControlSweepTests: XCTestCase {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")

    static let extremes: [Double] = [
        0, 1, -1, 0.5,
        Double.leastNonzeroMagnitude, Double.leastNormalMagnitude,
        Double(Float.leastNonzeroMagnitude), Double(Float.leastNormalMagnitude), 1e-40, 1e-30,
        Double(Float.greatestFiniteMagnitude), 1e39, Double.greatestFiniteMagnitude,
        -Double.leastNonzeroMagnitude, -1e-40, -Double(Float.greatestFiniteMagnitude), -Double.greatestFiniteMagnitude,
        1e9, -1e9, 4096, 65,
    ]

    func testNoControlValueProducesNaNOnScreen() throws {
        var evaluations = 0, refused = 0
        for url in lessonFiles(in: Self.lessons) {
            let (lesson, _) = loadLesson(at: url)
            for step in lesson?.steps ?? [] {
                guard let scene = step.scene else { continue }
                for control in scene.controls {
                    var values = Self.extremes + [control.min, control.max]
                    var x = control.min
                    while x <= control.max + 1e-9 && values.count < 400 {
                        values.append(x)
                        x += control.step
                    }
                    for value in values {
                        let place = "\(url.lastPathComponent) '\(step.title)' \(control.param)=\(value)"
                        let computed: ComputedScene
                        do {
                            computed = try evaluate(scene, overrides: [control.param: value])
                        } catch is SceneError {
                            refused += 1
                            continue
                        } catch {
                            XCTFail("\(place): not a scene error: \(error)")
                            continue
                        }
                        evaluations += 1
                        for t in computed.tensors where t.tensor.scalars.contains(where: \.isNaN) {
                            XCTFail("\(place): NaN in \(t.name)")
                        }
                        let text = screenText(computed)
                        XCTAssertNil(text.range(of: #"\bnan\b"#, options: [.regularExpression, .caseInsensitive]), "\(place):\n\(text)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(evaluations, 200)
        XCTAssertGreaterThan(refused, 50)
    }

    /// Every drawable view of the scene as plain text at 120 columns.
    private func screenText(_ computed: ComputedScene) -> String {
        let renderer = SceneRenderer(scene: computed, style: SceneStyle(depth: .monochrome, theme: Theme.dark))
        var out = ""
        for v in renderer.drawableViews {
            var grid = CellGrid(width: 120, height: min(60, renderer.preferredHeight(of: v, width: 120) + 2))
            renderer.render(v, in: grid.bounds, grid: &grid)
            out += ansiText(grid, depth: .monochrome) + "\n"
        }
        return out
    }
}
