import Foundation
import XCTest
@testable import LessonEngine

/// Validation never crashes and always explains: empty, binary, huge, deeply nested, not UTF-8,
/// and randomly mangled lessons.
final class RobustnessTests: XCTestCase {
    func write(_ data: Data, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attn-robustness-\(name)")
        try data.write(to: url)
        return url
    }

    func testEmptyFile() throws {
        let d = validateLesson(at: try write(Data(), "empty.md"))
        XCTAssertEqual(d.count, 1)
        XCTAssertTrue(d[0].message.contains("empty"), d[0].message)
    }

    func testBinaryFile() throws {
        var bytes = Data("---\ntitle: x\n---\n".utf8)
        bytes.append(contentsOf: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) })
        let d = validateLesson(at: try write(bytes, "binary.md"))
        XCTAssertEqual(d.count, 1)
        XCTAssertEqual(d.first?.line, 4)
    }

    func testNULByteIsRefused() throws {
        let d = validateLesson(at: try write(Data("---\ntitle: x\u{0}\n---\n".utf8), "nul.md"))
        XCTAssertEqual(d.map { "\($0.line):\($0.column)" }, ["2:9"])
        XCTAssertTrue(d[0].message.contains("control character"))
    }

    func testNonUTF8File() throws {
        var bytes = Data("---\ntitle: caf".utf8)
        bytes.append(0xE9)                                   // Latin-1 é
        bytes.append(contentsOf: Data("\n---\n".utf8))
        let d = validateLesson(at: try write(bytes, "latin1.md"))
        XCTAssertEqual(d.map { "\($0.line):\($0.column)" }, ["2:11"])
        XCTAssertTrue(d[0].message.contains("UTF-8"))
    }

    func testByteOrderMarkAndCRLFAreAccepted() throws {
        let text = "\u{FEFF}---\r\ntitle: t\r\n---\r\n## s\r\n```scene\r\ntensors:\r\n  Q: [[1]]\r\n  K: [[1]]\r\n  V: [[1]]\r\nop: attention\r\n```\r\n"
        XCTAssertEqual(validateLesson(at: try write(Data(text.utf8), "bom.md")), [])
    }

    func testHugeFileIsRefusedBeforeParsing() throws {
        let big = Data(repeating: UInt8(ascii: "a"), count: 2 << 20)
        let d = validateLesson(at: try write(big, "huge.md"))
        XCTAssertEqual(d.count, 1)
        XCTAssertTrue(d[0].message.contains("limit"))
        XCTAssertEqual(validate(source: String(repeating: "x", count: 2 << 20), file: "huge.md").count, 1)
    }

    func testDeeplyNestedYAMLIsRefused() {
        for depth in [100, 10_000, 200_000] {
            let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let source = "---\ntitle: t\n---\n## s\n```scene\nop: attention\ntokens: \(flow)\n```\n"
            let d = validate(source: source, file: "deep.md")
            XCTAssertEqual(d.count, 1, "depth \(depth)")
            XCTAssertTrue(d.first?.message.contains("nested") ?? false, "\(d)")
        }
        let block = (0..<5000).map { String(repeating: " ", count: $0) + "- " }.joined(separator: "\n")
        let d = validate(source: "---\ntitle: t\n---\n## s\n```scene\n\(block)\n```\n", file: "deep.md")
        XCTAssertFalse(d.isEmpty)
        let compact = String(repeating: "- ", count: 50_000) + "x"
        XCTAssertFalse(validate(source: "---\n\(compact)\n---\n## s\n", file: "deep.md").isEmpty)
    }

    func testAliasedGiantMatrixIsRefused() {
        let row = "[" + Array(repeating: "1", count: 4000).joined(separator: ", ") + "]"
        let rows = "[" + Array(repeating: "*r", count: 4000).joined(separator: ", ") + "]"
        let source = "---\ntitle: t\n---\n## s\n```scene\nop: attention\nparams: {}\ntensors:\n  R: &r \(row)\n  Q: \(rows)\n```\n"
        let d = validate(source: source, file: "alias.md")
        XCTAssertTrue(d.contains { $0.message.contains("more than 65536 values") }, "\(d)")
    }

    func testKVCacheWithMismatchedLengthsIsAnError() throws {
        let s = try scene("tensors:\n  Q: [[1], [2], [3]]\n  K: [[1], [2]]\n  V: [[1], [2]]\nop: kvCache")
        XCTAssertThrowsError(try evaluate(s))
    }

    func testLongFlowRowsWithNegativesAreNotMistakenForNesting() throws {
        let row = "[" + (0..<200).map { "-\($0)" }.joined(separator: ", ") + "]"
        let s = try scene("tensors:\n  q: \(row)\n  K: [\(row)]\n  V: [[1]]\nop: softRead\nsimilarity: dot")
        XCTAssertEqual(s.tensors.count, 3)
    }

    func testAliasExpansionStaysBounded() {
        var yaml = "a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for i in 1..<8 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let source = "---\ntitle: t\n---\n## s\n```scene\nop: attention\n\(yaml)tokens: *a7\n```\n"
        let d = validate(source: source, file: "alias.md")
        XCTAssertFalse(d.isEmpty)
    }

    func testMangledLessonsNeverCrash() throws {
        // Deterministic mutations of a real lesson: cut, duplicate and swap lines and characters.
        let originals = try lessonFiles(in: TestPaths.lessons).map { Array(try String(contentsOf: $0, encoding: .utf8)) }
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        let alphabet = Array("{}[]:,-$#`\n 0123456789abcdefgq\"'&*!|>")
        for iteration in 0..<240 {
            var text = originals[iteration % originals.count]
            for _ in 0..<(1 + next(6)) {
                let i = next(text.count)
                switch next(4) {
                case 0: text.remove(at: i)
                case 1: text.insert(alphabet[next(alphabet.count)], at: i)
                case 2: text[i] = alphabet[next(alphabet.count)]
                default:
                    let j = min(text.count, i + next(200))
                    text.insert(contentsOf: text[i..<j], at: i)
                }
            }
            _ = validate(source: String(text), file: "mangled.md")
        }
    }

    func testOverridesOutsideTheSchemaAreErrorsNotCrashes() throws {
        let s = try scene("tokens: [a, b]\ntensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]\nop: attention")
        XCTAssertThrowsError(try evaluate(s, overrides: ["tempreature": 2]))
        XCTAssertThrowsError(try evaluate(s, overrides: ["temperature": 0]))
        XCTAssertThrowsError(try evaluate(s, overrides: ["temperature": .nan]))
        XCTAssertThrowsError(try evaluate(s, overrides: ["query": 7]))
        XCTAssertNoThrow(try evaluate(s, overrides: ["mask": 1, "temperature": 3]))
        XCTAssertNoThrow(try evaluate(s, overrides: ["mask": 1e300, "head": -1e300]))
        let empty = validate(source: "---\ntitle: t\n---\n## s\n```scene\ntensors:\n  Q: [[1]]\n  K: [[1]]\n  V: [[1]]\nop: attention\ncontrols:\n  - {param: mask, values: []}\n```\n", file: "e.md")
        XCTAssertEqual(empty.map(\.message), ["'values' needs at least one mask"])
    }
}
