import Foundation
import XCTest

/// The holes the robustness run found in the command line, each kept closed with the binary.
final class RobustCommandLineTests: XCTestCase {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attn-robust-cli-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs attn with `arguments`, standard input from `stdinPath` and `environment` added.
    private func run(_ arguments: [String], stdinPath: String = "/dev/null", environment: [String: String] = [:]) throws -> CommandResult {
        let process = Process()
        process.executableURL = try TmuxSession.attnBinary()
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = directory.appendingPathComponent("out-\(UUID().uuidString.prefix(6))")
        let err = directory.appendingPathComponent("err-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle(forReadingAtPath: stdinPath)
        try process.run()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Every line of stderr is a located message `file:line:column: error: …` (or the summary).
    private func assertEveryLineLocated(_ text: String, file path: String, _ context: String, line: UInt = #line) {
        for l in text.split(separator: "\n") where !l.hasSuffix(" problem") && !l.hasSuffix(" problems") {
            let body = l.hasPrefix("Error: ") ? l.dropFirst(7) : l[...]
            XCTAssertTrue(body.hasPrefix(path + ":"), "\(context): unlocated line '\(l)' in\n\(text)", line: line)
        }
    }

    func testNULInProseIsRefusedAlikeByValidatePrintAndEval() throws {
        let path = try write("nul.md", "---\ntitle: t\n---\n## s\ntext \u{0} here\n```scene\nop: attention\ntensors:\n  Q: [[1]]\n  K: [[1]]\n  V: [[1]]\n```\n")
        for command in ["validate", "print", "eval"] {
            let r = try run([command, path])
            XCTAssertNotEqual(r.status, 0, command)
            XCTAssertTrue((r.stdout + r.stderr).contains("\(path):5:6: error: the file contains a control character"), "\(command): \(r.stdout)\(r.stderr)")
        }
    }

    func testFoldersAndDevicesAreRefusedInWords() throws {
        for (path, words) in [("/dev/null", "this is a device, not a lesson file"), (Self.lessons.path + "/", "this is a folder, not a lesson file")] {
            for command in ["validate", "print", "eval"] {
                let r = try run([command, path])
                let text = r.stdout + r.stderr
                XCTAssertNotEqual(r.status, 0, "\(command) \(path)")
                XCTAssertTrue(text.contains(words), "\(command) \(path): \(text)")
                XCTAssertFalse(text.contains("permission") || text.contains("NSCocoaErrorDomain"), text)
            }
        }
    }

    func testStandardInputIsCappedAtTheLessonLimit() throws {
        let r = try run(["eval", "-"], stdinPath: "/dev/zero")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("<stdin>:1:1: error: the input is more than 1048576 bytes"), r.stderr)
    }

    func testNegativeStepAndSeedReachTheirChecks() throws {
        let lesson = Self.lessons.appendingPathComponent("03-soft-read.md").path
        for arguments in [["eval", lesson, "--step", "-1"], ["print", lesson, "--step", "-1"],
                          ["notes", "soft-read", "--step", "-1", "--lessons", Self.lessons.path],
                          ["check", "soft-read", "--answers", lesson, "--seed", "-1", "--lessons", Self.lessons.path]] {
            let r = try run(arguments)
            XCTAssertNotEqual(r.status, 0, "\(arguments)")
            XCTAssertFalse(r.stderr.contains("Missing value"), "\(arguments): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("-1"), "\(arguments): \(r.stderr)")
        }
    }

    func testAFractionForAWholeNumberParameterIsAnError() throws {
        let lesson = Self.lessons.appendingPathComponent("04-scaled-dot-product.md").path
        let r = try run(["eval", lesson, "--step", "2", "--set", "query=1.5"])
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stderr.contains("query takes whole numbers, got 1.5"), r.stderr)
    }

    func testAnAliasBombInAnAnswersFilePrintsEachErrorOnce() throws {
        let answers = try write("answers.yaml", "a: &a [[1], [2]]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b]\n")
        let r = try run(["check", "soft-read", "--answers", answers, "--lessons", Self.lessons.path])
        XCTAssertNotEqual(r.status, 0)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty, r.stderr)
        XCTAssertEqual(lines.count, Set(lines).count, r.stderr)
    }

    func testYAMLBlockValuesStayOnTheLineOfTheirMessage() throws {
        let path = try write("block.md", "---\ntitle: t\n---\n## s\n```scene\nop: |\n  attention\n  and more\ntensors:\n  Q: [[1]]\n  K: [[1]]\n  V: [[1]]\ntemperature: |\n  hot\n  cold\n```\n")
        let r = try run(["validate", path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("unknown op 'attention\\nand more\\n'"), "the newline is written as \\n: \(r.stdout)")
        assertEveryLineLocated(r.stdout, file: path, "validate")
    }

    func testTheOversizedLessonIsRefusedQuicklyByEval() throws {
        let tokens = (0..<256).map { "t\($0)" }.joined(separator: ", ")
        let path = try write("big.md", "---\ntitle: big\n---\n## s\n```scene\ntokens: [\(tokens)]\ntensors:\n  X: {embed: tokens, dim: 512, seed: 1}\nop: multiHead\nnumHeads: 64\nheadDim: 512\n```\n")
        let start = Date()
        let r = try run(["eval", path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(path):9:5: error: this scene would compute about"), r.stderr)
        XCTAssertLessThan(r.stdout.utf8.count, 1000)
        // It used to take 28 s and 3.1 GB; refusing it takes no computation at all.
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
    }

    func testBenchRefusesSizesThatDoNotFitInMemory() throws {
        let r = try run(["bench", "--T", "65536", "--heads", "256", "--head-dim", "1024"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("GB of memory available"), r.stderr)
    }

    func testProgressOnlyReads() throws {
        let state = directory.appendingPathComponent("state")
        let absent = try run(["progress", "--lessons", Self.lessons.path], environment: ["XDG_STATE_HOME": state.path])
        XCTAssertEqual(absent.status, 0, absent.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state.path), "attn progress created \(state.path)")

        let dir = state.appendingPathComponent("attn")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let damaged = "{\"version\": 1, \"lessons\": {\"soft-read\": {\"a\": {\"solved\": true}, \"b\": {\"tries\": -1}}}}"
        try Data(damaged.utf8).write(to: dir.appendingPathComponent("progress.json"))
        let r = try run(["progress", "--lessons", Self.lessons.path], environment: ["XDG_STATE_HOME": state.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("1 record") && r.stderr.contains("left as it is"), r.stderr)
        XCTAssertTrue(r.stdout.contains("soft-read") && r.stdout.contains("1/"), r.stdout)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["progress.json"])
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("progress.json"), encoding: .utf8), damaged)
    }
}
