import Foundation
import XCTest
@testable import LessonEngine

/// The file structure: front matter, steps, special blocks, and the reference's own example.
final class LessonFormatTests: XCTestCase {
    let source = """
    ---
    title: Sample
    summary: A sample.
    ---

    Intro text.

    ## First

    Some *prose* with $QK^T$.

    ```python
    ## not a heading
    ```

    ```scene
    tokens: [a, b]
    tensors:
      Q: [[1, 0], [0, 1]]
      K: [[1, 0], [0, 1]]
      V: [[1, 0], [0, 1]]
    op: attention
    ```

    ```notes
    Say *this*.
    ```

    ```exercises
    - {ask: weights, row: 0}
    - {ask: output}
    ```

    ## Second

    Just prose.
    """

    func testStepsBlocksAndProse() throws {
        let (lesson, diagnostics) = parseLesson(source: source, file: "Lessons/07-sample.md")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(lesson.id, "sample")
        XCTAssertEqual(lesson.order, 7)
        XCTAssertEqual(lesson.title, "Sample")
        XCTAssertEqual(lesson.introduction, "Intro text.")
        XCTAssertEqual(lesson.steps.map(\.title), ["First", "Second"])
        let first = lesson.steps[0]
        XCTAssertEqual(first.line, 8)
        XCTAssertTrue(first.prose.contains("## not a heading"), "code fences stay prose")
        XCTAssertFalse(first.prose.contains("op: attention"), "the scene is not prose")
        XCTAssertEqual(first.notes, "Say *this*.")
        XCTAssertEqual(first.scene?.op, .attention)
        XCTAssertEqual(first.scene?.location.line, 16)
        XCTAssertEqual(first.scene?.opLocation.line, 22)
        let exercises = try XCTUnwrap(first.exercises)
        XCTAssertEqual(exercises.line, 29)
        XCTAssertEqual(exercises.items.count, 2)
        XCTAssertEqual(exercises.items[1].mark?.line, 2, "marks are relative to the block: line + 1 is the file line")
        XCTAssertNil(lesson.steps[1].scene)
        XCTAssertEqual(lesson.steps[1].proseBlocks, parseProse("Just prose."))
    }

    func testFrontMatterOverridesTheFileName() {
        let (lesson, _) = parseLesson(source: "---\nid: x\ntitle: T\norder: 42\n---\n## s\n", file: "01-y.md")
        XCTAssertEqual(lesson.id, "x")
        XCTAssertEqual(lesson.order, 42)
    }

    func testTheReferencesWorkedExampleIsAValidLesson() throws {
        let format = try String(contentsOf: TestPaths.lessons.appendingPathComponent("FORMAT.md"), encoding: .utf8)
        let start = try XCTUnwrap(format.range(of: "````markdown\n"))
        let end = try XCTUnwrap(format.range(of: "\n````", range: start.upperBound..<format.endIndex))
        let example = String(format[start.upperBound..<end.lowerBound])
        XCTAssertEqual(validate(source: example, file: "example.md"), [])
        let (lesson, _) = parseLesson(source: example, file: "example.md")
        XCTAssertEqual(lesson.steps.count, 2)
        XCTAssertEqual(lesson.steps[1].scene?.controls.first?.param, "query")
    }

    func testEveryOpAndViewIsDocumented() throws {
        let format = try String(contentsOf: TestPaths.lessons.appendingPathComponent("FORMAT.md"), encoding: .utf8)
        for op in SceneOp.allCases { XCTAssertTrue(format.contains("| `\(op.rawValue)` |"), op.rawValue) }
        for view in ViewKind.allCases { XCTAssertTrue(format.contains("| `\(view.rawValue)` |"), view.rawValue) }
        for option in SceneSchema.allOptions { XCTAssertTrue(format.contains("| `\(option)` |"), option) }
    }
}
