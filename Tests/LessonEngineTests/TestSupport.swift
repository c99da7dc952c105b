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

