import Foundation
import XCTest

/// `scripts/bench_reference.py --table-from` on saved rounds whose numbers are chosen here: the
/// table it prints is the one the speed figures in the notes come from, so its arithmetic (medians
/// over rounds, a ratio taken within each round, the fraction of the sgemm ceiling measured beside
/// each case) is recomputed here from the same rows. Needs only python3's standard library.
final class BenchReferenceScriptTests: XCTestCase {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/bench_reference.py")

    /// Three rounds of T = 512, one thread, full attention: attn's tiled path, its sgemm ceiling,
    /// numpy and PyTorch, with times that differ per round.
    struct Round {
        var attnMs: Double, attnBestGflops: Double, ceilingBestGflops: Double
        var numpyMs: Double, torchMs: Double, torchBestGflops: Double
    }
    static let rounds = [
        Round(attnMs: 10, attnBestGflops: 90, ceilingBestGflops: 100, numpyMs: 30, torchMs: 20, torchBestGflops: 40),
        Round(attnMs: 12, attnBestGflops: 95, ceilingBestGflops: 110, numpyMs: 33, torchMs: 20, torchBestGflops: 41),
        Round(attnMs: 11, attnBestGflops: 80, ceilingBestGflops: 100, numpyMs: 36, torchMs: 44, torchBestGflops: 42),
    ]

    private func rows(torch: Bool, core: String) -> [[String: Any]] {
        var rows: [[String: Any]] = []
        for (i, r) in Self.rounds.enumerated() {
            let invocation = "[512]×[1]"
            rows.append(["name": "sgemm 1024³", "path": "sgemm", "T": 1024, "heads": 1, "d": 1024, "causal": false, "threads": 1,
                         "median_ms": 25.0, "best_ms": 21.0, "gflops": 86.0, "best_gflops": r.ceilingBestGflops,
                         "blas_core": core, "invocation": invocation, "round": i])
            rows.append(["name": "attention", "path": "tiled", "isa": "avx512", "T": 512, "heads": 8, "d": 64, "causal": false,
                         "threads": 1, "median_ms": r.attnMs, "best_ms": r.attnMs * 0.9, "gflops": 50.0,
                         "best_gflops": r.attnBestGflops, "invocation": invocation, "round": i])
            rows.append(["name": "numpy", "T": 512, "heads": 8, "d": 64, "causal": false, "threads": 1,
                         "median_ms": r.numpyMs, "best_ms": r.numpyMs, "gflops": 10.0, "best_gflops": 11.0, "round": i])
            if torch {
                rows.append(["name": "torch_sdpa", "T": 512, "heads": 8, "d": 64, "causal": false, "threads": 1,
                             "median_ms": r.torchMs, "best_ms": r.torchMs, "gflops": 30.0,
                             "best_gflops": r.torchBestGflops, "round": i])
            }
        }
        return rows
    }

    private func table(_ rows: [[String: Any]]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("attn-bench-rounds-\(UUID().uuidString.prefix(8)).json")
        try JSONSerialization.data(withJSONObject: rows).write(to: file)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        let r = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", Self.script.path, "--table-from", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout
    }

    private func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// "0.50 [0.25–0.60]": the median of the per-round ratios and their range.
    private func ratio(_ xs: [Double]) -> String {
        String(format: "%.2f [%.2f–%.2f]", median(xs), xs.min()!, xs.max()!)
    }

    func testTheTableIsTheRoundsMediansAndRatios() throws {
        let text = try table(rows(torch: true, core: "Cooperlake"))
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("  512   full   1") }, text)
        // T mask thr | attn ms | path isa | %sgemm | numpy ms | attn/numpy [range] | torch ms | %sgemm | attn/torch [range]
        let r = Self.rounds
        let expected = [
            "512", "full", "1",
            String(format: "%.2f", median(r.map(\.attnMs))), "tiled", "avx512",
            String(format: "%.0f%%", 100 * median(r.map { $0.attnBestGflops / $0.ceilingBestGflops })),
            String(format: "%.2f", median(r.map(\.numpyMs))),
        ] + ratio(r.map { $0.attnMs / $0.numpyMs }).split(separator: " ").map(String.init) + [
            String(format: "%.2f", median(r.map(\.torchMs))),
            String(format: "%.0f%%", 100 * median(r.map { $0.torchBestGflops / $0.ceilingBestGflops })),
        ] + ratio(r.map { $0.attnMs / $0.torchMs }).split(separator: " ").map(String.init)
        XCTAssertEqual(line.split(separator: " ").map(String.init), expected, text)
        XCTAssertTrue(text.contains("100.0–110.0 GFLOP/s (median 100.0) on 1 thread(s)"), text)
        XCTAssertTrue(text.contains("on OpenBLAS's Cooperlake kernels"), text)
        XCTAssertFalse(text.contains("OPENBLAS_CORETYPE"), text)
        XCTAssertTrue(text.contains("3 round(s)"), text)
    }

    /// A ceiling on kernels the environment chose is called what it is; without PyTorch's rows the
    /// table says PyTorch was not measured and leaves its columns empty.
    func testTheTableSaysWhatItDidNotMeasureAndWhoChoseTheKernels() throws {
        let text = try table(rows(torch: false, core: "Haswell (chosen by OPENBLAS_CORETYPE)"))
        XCTAssertTrue(text.hasPrefix("PyTorch is not installed"), text)
        XCTAssertTrue(text.contains("on OpenBLAS's Haswell (chosen by OPENBLAS_CORETYPE) kernels"), text)
        XCTAssertTrue(text.contains("the environment's OPENBLAS_CORETYPE chose them"), text)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("  512   full   1") }, text)
        XCTAssertEqual(line.split(separator: " ").suffix(3), ["–", "–", "–"], "torch ms, %sgemm and attn/torch: \(line)")
    }
}
