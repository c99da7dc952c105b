import Foundation
import XCTest

/// The `attn` binary's non-interactive commands, run as a user would run them.
final class CommandLineTests: XCTestCase {
    func testVersion() throws {
        let r = try runAttn(["--version"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, r.stdout)
    }

    func testBenchJSONHasEveryFieldForEveryPath() throws {
        let r = try runAttn(["bench", "--T", "16", "40", "--heads", "2", "--head-dim", "8", "--threads", "1", "2", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        for field in ["name", "T", "heads", "d", "causal", "threads", "median_ms", "best_ms", "gflops", "peak_mib", "fraction_of_sgemm"] {
            for row in rows {
                XCTAssertNotNil(row[field], "field \(field) missing in \(row)")
            }
        }
        let attention = rows.filter { $0["name"] as? String == "attention" }
        // 2 lengths × full/causal × 3 paths × 2 thread counts
        XCTAssertEqual(attention.count, 24)
        XCTAssertEqual(Set(attention.compactMap { $0["path"] as? String }), ["naive", "blas", "tiled"])
        XCTAssertTrue(attention.allSatisfy { ($0["median_ms"] as? Double ?? 0) > 0 && ($0["gflops"] as? Double ?? 0) > 0 })
        XCTAssertEqual(rows.filter { $0["name"] as? String == "sgemm 1024³" }.count, 2, "one sgemm ceiling per thread count")
        // the fastest run is no slower than the median one
        XCTAssertTrue(rows.allSatisfy { ($0["best_ms"] as? Double ?? .infinity) <= ($0["median_ms"] as? Double ?? 0) })
        // the sgemm rows say which OpenBLAS kernels ran, the tiled rows which variant
        XCTAssertTrue(rows.filter { $0["path"] as? String == "sgemm" }.allSatisfy { ($0["blas_core"] as? String)?.isEmpty == false })
        XCTAssertTrue(attention.filter { $0["path"] as? String == "tiled" }.allSatisfy { ($0["isa"] as? String)?.isEmpty == false })
    }

    /// The sgemm ceiling is only as high as the OpenBLAS kernels it ran on: when OPENBLAS_CORETYPE
    /// chose them (a machine here sets Haswell's AVX2 kernels on an AVX-512 CPU), the bench says so
    /// in its rows and its table's first line, instead of passing a lowered ceiling off as the CPU's.
    func testBenchSaysWhenTheEnvironmentChoseOpenBLASsKernels() throws {
        let arguments = ["bench", "--T", "16", "--heads", "1", "--head-dim", "8", "--threads", "1", "--paths", "tiled"]
        let environment = ["OPENBLAS_CORETYPE": "Prescott"]   // SSE3: every x86-64 runs it
        let json = try runAttn(arguments + ["--json"], environment: environment)
        XCTAssertEqual(json.status, 0, json.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let cores = rows.filter { $0["path"] as? String == "sgemm" }.compactMap { $0["blas_core"] as? String }
        XCTAssertEqual(cores, ["Prescott (chosen by OPENBLAS_CORETYPE)"])
        let table = try runAttn(arguments, environment: environment)
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.hasPrefix("OpenBLAS core: Prescott (chosen by OPENBLAS_CORETYPE). "), table.stdout)
    }

    /// Every case's peak memory is its own, measured on fresh pages even after the timed runs of the
    /// cases before it reused theirs (a heap kept warm for timing once made every later case read 0):
    /// the BLAS path holds its T×T score matrix (4 MiB at T = 1024) in every row, full and causal,
    /// the tiled path far less.
    func testBenchPeakMemoryIsEachCasesOwn() throws {
        let r = try runAttn(["bench", "--T", "1024", "--heads", "2", "--head-dim", "16", "--threads", "1",
                             "--paths", "tiled", "blas", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let attention = rows.filter { $0["name"] as? String == "attention" }
        XCTAssertEqual(attention.count, 4)
        let scoreMatrixMiB = 1024.0 * 1024 * 4 / 1_048_576
        for row in attention {
            let peak = try XCTUnwrap(row["peak_mib"] as? Double, "peak_mib in \(row)")
            if row["path"] as? String == "blas" {
                XCTAssertGreaterThanOrEqual(peak, scoreMatrixMiB, "\(row)")
            } else {
                XCTAssertLessThan(peak, scoreMatrixMiB / 2, "\(row)")
            }
        }
    }

    func testUIBenchMeasuresEveryLessonAndTheFirstFrame() throws {
        let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
        let r = try runAttn(["bench", "--ui", "--json", "--lessons", lessons])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.first?["name"] as? String, "first_frame")
        XCTAssertGreaterThan(rows.first?["ms"] as? Double ?? 0, 0)
        let frames = rows.filter { $0["name"] as? String == "frame" }
        XCTAssertEqual(frames.count, 10, "one row per lesson")
        let deep = try XCTUnwrap(rows.first { $0["name"] as? String == "frame_6_layers" }, "the 6-layer scene is timed on its own")
        XCTAssertGreaterThan(deep["frames"] as? Int ?? 0, 0)
        for f in frames {
            XCTAssertGreaterThan(f["frames"] as? Int ?? 0, 0, "\(f)")
            XCTAssertGreaterThan(f["median_ms"] as? Double ?? 0, 0, "\(f)")
        }
    }

    func testBenchRejectsBadArgumentsWithAMessage() throws {
        let r = try runAttn(["bench", "--T", "0"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--T"), r.stderr)
        let p = try runAttn(["bench", "--paths", "fast"])
        XCTAssertNotEqual(p.status, 0)
        XCTAssertTrue(p.stderr.contains("unknown path 'fast'"), p.stderr)
    }
}

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `attn` with `arguments`, no terminal, and collects its output.
func runAttn(_ arguments: [String], stdin: String? = nil, environment extraEnvironment: [String: String] = [:]) throws -> CommandResult {
    // English unless a test asks otherwise: a developer's LANG=ru_RU must not change what the
    // English assertions see.
    var environment = ProcessInfo.processInfo.environment
    for name in ["LC_ALL", "LC_MESSAGES"] { environment[name] = nil }
    environment["LANG"] = "C.UTF-8"
    environment.merge(extraEnvironment) { _, new in new }
    return try runProgram(try TmuxSession.attnBinary(), arguments, stdin: stdin, environment: environment)
}

/// Runs `executable` with `arguments` and `environment` (this process's when nil), no terminal,
/// `stdin` as its standard input, and collects its output.
func runProgram(_ executable: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

/// `attn eval` (the real binary) on the lesson kept in the tests, against numpy.
final class EvalCommandTests: XCTestCase {
    func testEvalMatchesNumpyFixtures() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LessonEngineTests/Fixtures")
        let r = try runAttn(["eval", fixtures.appendingPathComponent("fixture-lesson.md").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let got = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("fixture-lesson.json"))) as? [String: Any])
        let expected = try XCTUnwrap(root["steps"] as? [[String: Any]])
        XCTAssertEqual(got.count, expected.count)
        var compared = 0
        for (g, e) in zip(got, expected) {
            let gt = Dictionary(uniqueKeysWithValues: (g["tensors"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0) })
            for et in e["tensors"] as? [[String: Any]] ?? [] {
                let name = et["name"] as! String
                let actual = try XCTUnwrap(gt[name], "attn eval lacks \(name)")
                XCTAssertEqual(actual["shape"] as? [Int], et["shape"] as? [Int], name)
                let a = numbers(actual["values"]), x = numbers(et["values"])
                XCTAssertEqual(a.count, x.count, name)
                for (i, (u, v)) in zip(a, x).enumerated() where !(u == v || abs(u - v) <= 1e-5 + 1e-4 * abs(v)) {
                    XCTFail("\(name)[\(i)]: attn eval \(u), numpy \(v)")
                    break
                }
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 5, "the fixture must compare several tensors")
    }

    func testEvalReadsABareSceneFromStandardInput() throws {
        let scene = "tokens: [cat, dog]\ntensors:\n  q: [1, 0]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 2], [3, 4]]\nop: softRead\nsimilarity: dot\n"
        let r = try runAttn(["eval", "-"], stdin: scene)
        XCTAssertEqual(r.status, 0, r.stderr)
        let tensors = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertTrue(tensors.contains { $0["name"] as? String == "weights" }, r.stdout)
    }

    func testBrokenLessonErrorNamesFileAndLineWithoutUsage() throws {
        let broken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("LessonEngineTests/Broken/shape-mismatch.md")
        let r = try runAttn(["eval", broken.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains(broken.path + ":"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Usage:"), "a broken lesson is not an argument mistake:\n\(r.stderr)")
    }

    func testEvalOfAMissingLessonNamesIt() throws {
        let r = try runAttn(["eval", "no-such-lesson"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no lesson 'no-such-lesson'"), r.stderr)
    }

    private func numbers(_ any: Any?) -> [Double] {
        (any as? [Any] ?? []).map { v in
            if let s = v as? String { return s == "-inf" ? -.infinity : (s == "inf" ? .infinity : .nan) }
            return (v as? NSNumber)?.doubleValue ?? .nan
        }
    }
}
