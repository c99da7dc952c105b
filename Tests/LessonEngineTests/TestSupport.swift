import Foundation
import XCTest
@testable import LessonEngine

/// Paths the lesson tests read, found from this file so they work from any working directory.
enum TestPaths {
    /// The repository root: two levels above `Tests/LessonEngineTests/`.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = root.appendingPathComponent("Lessons")
    static let broken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Broken")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// Parses a scene from a lesson snippet, failing the test on any diagnostic.
func scene(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Scene {
    let source = "---\ntitle: t\n---\n## s\n```scene\n\(yaml)\n```\n"
    let (lesson, diagnostics) = parseLesson(source: source, file: "t.md")
    XCTAssertEqual(diagnostics, [], file: file, line: line)
    return try XCTUnwrap(lesson.steps.first?.scene, file: file, line: line)
}

/// Compares tensors elementwise and reports the largest difference and the first mismatch.
func assertAllClose(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-5, _ what: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("\(what): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    var worst: Float = 0
    var first: Int?
    for i in actual.indices {
        let (a, e) = (actual[i], expected[i])
        if a == e { continue }
        let diff = abs(a - e)
        worst = max(worst, diff.isNaN ? .infinity : diff)
        if !(diff <= atol + rtol * abs(e)), first == nil { first = i }
    }
    if let first {
        XCTFail("\(what): max |Δ| = \(worst); first mismatch at flat index \(first): \(actual[first]) vs \(expected[first])", file: file, line: line)
    }
}
