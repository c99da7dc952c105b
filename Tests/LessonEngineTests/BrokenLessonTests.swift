import Foundation
import XCTest
@testable import LessonEngine

/// Each file in `Broken/` states the diagnostics it must produce in `<!-- expect L:C: message -->`
/// lines; validation must report exactly those, with the file's own path.
final class BrokenLessonTests: XCTestCase {
    func testEachBrokenFileReportsExactlyItsExpectedDiagnostics() throws {
        let files = lessonFiles(in: TestPaths.broken)
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let expected = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("<!-- expect "), line.hasSuffix(" -->") else { return nil }
                let body = line.dropFirst("<!-- expect ".count).dropLast(" -->".count)
                let location = body.prefix(while: { $0 != " " }).dropLast()        // "L:C"
                let message = body.dropFirst(location.count + 2)
                return "\(url.path):\(location): error: \(message)"
            }
            XCTAssertFalse(expected.isEmpty, "\(url.lastPathComponent) states no expected diagnostic")
            let actual = validateLesson(at: url).map(\.description)
            XCTAssertEqual(actual, expected, url.lastPathComponent)
        }
    }

    func testDiagnosticsPrintLikeCompilerErrors() {
        let d = LessonDiagnostic(file: "Lessons/01-x.md", line: 12, column: 3, message: "unknown op 'x'")
        XCTAssertEqual(d.description, "Lessons/01-x.md:12:3: error: unknown op 'x'")
    }

    func testSuggestionsOnlyForPlausibleTypos() {
        XCTAssertEqual(closestName(to: "tempreature", in: ["temperature", "window"]), "temperature")
        XCTAssertEqual(closestName(to: "softmaxrow", in: ["softmaxRow", "heatmap"]), "softmaxRow")
        XCTAssertNil(closestName(to: "zzz", in: ["temperature", "window"]))
    }

    func testYAMLErrorLinesAreFileLines() {
        let source = "---\ntitle: t\n---\n\n## s\n\ntext\n\n```scene\nop: attention\ntokens: [a\n```\n"
        let diagnostics = validate(source: source, file: "x.md")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertGreaterThanOrEqual(diagnostics.first?.line ?? 0, 11, "\(diagnostics)")
        XCTAssertLessThanOrEqual(diagnostics.first?.line ?? 0, 12, "\(diagnostics)")
    }

    func testAMissingDefaultTensorPointsAtTheOp() {
        let source = "---\ntitle: t\n---\n## s\n```scene\ntokens: [a]\nop: attention\n```\n"
        XCTAssertEqual(validate(source: source, file: "x.md").map(\.description),
                       ["x.md:7:5: error: op 'attention' needs a tensor 'Q' for 'q': declare it under 'tensors:' or set 'q: NAME'"])
    }
}
