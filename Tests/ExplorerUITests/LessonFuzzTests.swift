import Foundation
import XCTest
import LessonEngine
@testable import ExplorerUI

/// Mutated lessons through validate, print, the explorer and eval (see `LessonInputChecks`).
///
/// The inputs are the course's lessons, the broken examples and the regression inputs, mutated
/// by a seeded generator: lines deleted, repeated, swapped or cut, characters replaced by the
/// ones that broke attn before (braces, tabs, colons, `$`, NUL…), and snippets that reach its
/// limits inserted (deep maths, huge controls, tiny temperatures, unclosed fences, aliases).
/// Bounded by time: `ATTN_FUZZ_SECONDS` (default 60 under CI, 10 otherwise), with a fixed seed
/// (`ATTN_FUZZ_SEED`, default 2026), so CI runs the same inputs every time; `scripts/fuzz.sh`
/// runs it longer. Before each input is tried it is written to a file, so one that crashes the
/// test process is left behind to become a regression input; an input taking more than 30 s
/// fails as a hang.
final class LessonFuzzTests: XCTestCase {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    func testMutatedLessonsNeverBreakAttn() throws {
        let env = ProcessInfo.processInfo.environment
        let seconds = Double(env["ATTN_FUZZ_SECONDS"] ?? "") ?? (env["CI"].map { !$0.isEmpty } == true ? 60 : 10)
        let seed = UInt64(env["ATTN_FUZZ_SEED"] ?? "") ?? 2026
        let corpus = try Self.corpus()
        XCTAssertGreaterThan(corpus.count, 20)
        let current = FileManager.default.temporaryDirectory.appendingPathComponent("attn-fuzz-current.md")
        print("fuzz: seed \(seed), \(Int(seconds)) s; the input being tried is in \(current.path)")
        var generator = FuzzGenerator(seed: seed)
        let start = Date()
        var count = 0, failures = 0
        while Date().timeIntervalSince(start) < seconds && failures < 5 {
            let base = corpus[Int(generator.next() % UInt64(corpus.count))]
            let source = generator.mutate(base)
            try? Data(source.utf8).write(to: current)
            let began = Date()
            let problems = LessonInputChecks.problems(source: source, file: "fuzz-\(count).md")
            let took = Date().timeIntervalSince(began)
            if took > 30 { failures += 1; XCTFail("input \(count) took \(Int(took)) s (a hang?); saved as \(save(source, count))") }
            if !problems.isEmpty {
                failures += 1
                XCTFail("input \(count): \(problems.prefix(3).joined(separator: "; ")); saved as \(save(source, count))")
            }
            count += 1
        }
        print("fuzz: \(count) inputs in \(Int(Date().timeIntervalSince(start))) s, seed \(seed), \(failures) failing")
        XCTAssertGreaterThan(count, 10)
    }

    private func save(_ source: String, _ n: Int) -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attn-fuzz-failure-\(n).md")
        try? Data(source.utf8).write(to: url)
        return url.path
    }

    static func corpus() throws -> [String] {
        let root = tests.deletingLastPathComponent()
        var texts: [String] = []
        for dir in [root.appendingPathComponent("Lessons"), tests.appendingPathComponent("LessonEngineTests/Broken"), tests.appendingPathComponent("Regressions")] {
            for name in (try FileManager.default.contentsOfDirectory(atPath: dir.path)).sorted() where name.hasSuffix(".md") && name != "FORMAT.md" {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                if text.utf8.count < 20_000 { texts.append(text) }
            }
        }
        return texts
    }
}

/// Seeded mutations of lesson text.
struct FuzzGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }

    static let characters: [String] = ["{", "}", "[", "]", ":", "\t", "$", "\\", "*", "_", "`", "-", "#", "&", "!", "|", ">", "'", "\"",
                                       "\u{0}", "\u{1b}", "é", "ж", "€", "0", "9", ".", "e", " ", "\n", "\r"]
    static let snippets: [String] = [
        "```scene", "```", "```exercises", "```notes", "## Another step", "---",
        "$" + String(repeating: "\\sqrt{", count: 200) + "$", String(repeating: "\\frac{", count: 60), "$\\sqrt[", "$$",
        "temperature: 1e-40", "temperature: 1e39", "scale: 1e-45", "numHeads: 64", "headDim: 512", "window: 1000000000",
        "  - {param: temperature, min: 1e-40, max: 1e39, step: 1e38}", "  - {param: numHeads, min: 1, max: 64}",
        "  - {param: query, min: -5, max: 1000}", "tokens: [" + (0..<256).map { "t\($0)" }.joined(separator: ", ") + "]",
        "  X: {embed: tokens, dim: 512, seed: 1}", "  Q: &a [[1e30, 1], [1, 1e30]]", "  K: *a", "  V: *a",
        "\tQ: [[1]]", "  question: What is q: the query?", "op: |\n  attention\n  more", String(repeating: "[", count: 500),
        String(repeating: "*x ", count: 500), "  answer: .nan", "  answer: \"-1e-40\"", "mask: sliding", "query: 1.5",
    ]

    mutating func mutate(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<(1 + below(4)) {
            guard !lines.isEmpty else { lines = [""]; continue }
            let i = below(lines.count)
            switch below(7) {
            case 0: lines.remove(at: i)
            case 1: lines.insert(lines[i], at: i)
            case 2: lines.swapAt(i, below(lines.count))
            case 3: lines.insert(Self.snippets[below(Self.snippets.count)], at: i)
            case 4: lines = Array(lines.prefix(i + 1))
            case 5:
                var chars = Array(lines[i])
                let c = Self.characters[below(Self.characters.count)]
                if chars.isEmpty {
                    chars = Array(c)
                } else {
                    let at = below(chars.count)
                    chars.replaceSubrange(at..<(at + 1), with: Array(c))
                }
                lines[i] = String(chars)
            default:
                // A number replaced by an extreme one.
                let extremes = ["1e-40", "1e39", "-1", "0", "4096", "1e308", "-0", "65536", "0.5"]
                if let range = lines[i].range(of: #"-?\d+(\.\d+)?"#, options: .regularExpression) {
                    lines[i].replaceSubrange(range, with: extremes[below(extremes.count)])
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
