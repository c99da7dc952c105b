import Foundation
import XCTest
@testable import LessonEngine

/// Every lesson in `Lessons/` parses, validates clean, and evaluates at every control setting.
final class LessonFilesTests: XCTestCase {
    let expectedIDs = [
        "hard-read", "avg-read", "soft-read", "scaled-dot-product", "multi-head", "masked", "cross-attention", "positional",
        "transformer-block", "trained-models",
    ]

    func testLessonsDirectoryHoldsTheLecturesLessonsInOrder() throws {
        let files = lessonFiles(in: TestPaths.lessons)
        let lessons = files.compactMap { loadLesson(at: $0).lesson }
        XCTAssertEqual(lessons.map(\.id), expectedIDs)
        XCTAssertEqual(lessons.map(\.order), Array(1...expectedIDs.count))
    }

    func testEveryLessonValidatesClean() {
        for url in lessonFiles(in: TestPaths.lessons) {
            let diagnostics = validateLesson(at: url)
            XCTAssertEqual(diagnostics.map(\.description), [], url.lastPathComponent)
        }
    }

    func testEveryStepEvaluatesAtItsDefaultsAndControlExtremes() throws {
        for url in lessonFiles(in: TestPaths.lessons) {
            let lesson = try XCTUnwrap(loadLesson(at: url).lesson)
            if lacksModels(lesson) { continue }
            XCTAssertGreaterThanOrEqual(lesson.steps.count, 3, "\(lesson.id) should have several steps")
            XCTAssertFalse(lesson.title.isEmpty)
            XCTAssertFalse(lesson.summary.isEmpty, lesson.id)
            for (i, step) in lesson.steps.enumerated() {
                XCTAssertFalse(step.proseBlocks.isEmpty, "\(lesson.id) step \(i + 1) has no prose")
                guard let scene = step.scene else { continue }
                for overrides in validationOverrides(for: scene) {
                    let computed = try evaluate(scene, overrides: overrides)
                    XCTAssertFalse(computed.tensors.isEmpty)
                    XCTAssertFalse(computed.views.isEmpty)
                    for view in computed.views {
                        for name in view.tensors { XCTAssertNotNil(computed[name], "\(lesson.id) step \(i + 1): \(name)") }
                    }
                    XCTAssertTrue(evalJSON(computed).hasPrefix("[{\"name\""))
                }
            }
        }
    }
}
