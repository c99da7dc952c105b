import Foundation
import XCTest
@testable import LessonEngine

/// Evaluation with arbitrary parameter values never crashes: every scene of every lesson, every
/// parameter its op knows, set to values far outside any sensible range.
final class OverrideFuzzTests: XCTestCase {
    func testExtremeOverridesThrowOrSucceedButNeverCrash() throws {
        let values: [Double] = [-1e12, -3, -1, 0, 0.5, 1, 2, 3, 7, 63, 64, 65, 513, 1e7, 1e12]
        var evaluated = 0
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson)
            for step in lesson.steps {
                guard let scene = step.scene else { continue }
                let names = SceneSchema.options(of: scene.op).filter { SceneSchema.type(of: $0).isControllable } + scene.params.keys
                for name in names {
                    for value in values {
                        _ = try? evaluate(scene, overrides: [name: value])
                        evaluated += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(evaluated, 1000)
    }
}
