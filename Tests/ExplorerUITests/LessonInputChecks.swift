import Foundation
import XCTest
import LessonEngine
@testable import ExplorerUI

/// What must hold for any lesson text, however broken: validation explains every problem on a
/// line of its own with a line that exists, `attn print` and the explorer draw every step, and
/// no number on screen is NaN. Shared by the regression inputs and the fuzzer.
enum LessonInputChecks {
    /// The problems found with `source`, in words; empty when every property holds.
    static func problems(source: String, file: String) -> [String] {
        var out: [String] = []
        let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
        for d in validate(source: source, file: file) {
            if d.file != file { out.append("diagnostic for another file: \(d)") }
            if !(1...max(1, lineCount + 1)).contains(d.line) { out.append("diagnostic at line \(d.line) of \(lineCount): \(d)") }
            if d.message.isEmpty { out.append("empty message at line \(d.line)") }
            if d.description.contains(where: \.isNewline) { out.append("message over several lines: \(d.description.debugDescription)") }
        }
        let (lesson, _) = parseLesson(source: source, file: file)
        for step in lesson.steps.prefix(12) {
            guard let scene = step.scene, let computed = try? evaluate(scene) else { continue }
            for t in computed.tensors where t.tensor.scalars.contains(where: \.isNaN) { out.append("'\(step.title)' computes NaN in \(t.name)") }
        }
        // On screen, "nan" is only looked for when the author did not write it.
        let authorWroteNaN = containsNaN(source)
        for index in lesson.steps.indices.prefix(12) where !authorWroteNaN {
            let printed = withoutTitles(renderStepText(lesson, step: index, width: 80, depth: .monochrome), lesson)
            if containsNaN(printed) { out.append("attn print shows NaN in step \(index + 1)") }
        }
        if !lesson.steps.isEmpty && !authorWroteNaN {
            var state = AppState(lessons: [lesson])
            state.open(lesson: 0)
            for _ in lesson.steps.indices.prefix(12) {
                let grid = view(state, width: 100, height: 30)
                if containsNaN(withoutTitles(grid.lines.joined(separator: "\n"), lesson)) { out.append("the explorer shows NaN in step \(state.step + 1)") }
                update(&state, .key(.right))
            }
        }
        let (json, _) = evalJSON(source: source, file: file)
        if let json, json.contains("\"nan\"") { out.append("attn eval prints NaN") }
        return out
    }

    /// The text without the lesson's and steps' titles, which are the author's words, not numbers.
    static func withoutTitles(_ text: String, _ lesson: Lesson) -> String {
        var out = text
        for title in [lesson.title] + lesson.steps.map(\.title) where !title.isEmpty {
            out = out.replacingOccurrences(of: title, with: "")
        }
        return out
    }

    static func containsNaN(_ text: String) -> Bool {
        text.range(of: #"\bnan\b"#, options: [.regularExpression, .caseInsensitive]) != nil
    }
}

/// The inputs that crashed attn or hung it, kept in `Tests/Regressions/` and checked on every run.
final class RegressionInputTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Regressions")

    func testEveryRegressionInputIsHandled() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 10)
        for name in names {
            let url = Self.directory.appendingPathComponent(name)
            let source = try String(contentsOf: url, encoding: .utf8)
            XCTAssertEqual(LessonInputChecks.problems(source: source, file: url.path), [], name)
            // Each was a real problem, so each is still reported, except those that only crashed the renderer.
            let diagnostics = validateLesson(at: url)
            if !["unclosed-emphasis.md", "unclosed-links.md", "backtick-runs.md", "root-index-at-end.md"].contains(name) {
                XCTAssertFalse(diagnostics.isEmpty, "\(name) should still be reported by validate")
            }
        }
    }
}
