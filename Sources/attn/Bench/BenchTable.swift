import Foundation

/// The human-readable table of `attn bench`.
enum BenchTable {
    static func render(_ results: [BenchResult], blasCore: String) -> String {
        var lines = ["OpenBLAS core: \(blasCore). GFLOP/s count 4·T²·d·H for full attention, half that for causal;",
                     "GFLOP/s is the median run's, \"of sgemm\" the fastest run's over sgemm's fastest.", ""]
        let header = ["case", "path", "T", "H", "d", "mask", "thr", "median ms", "best ms", "GFLOP/s", "of sgemm", "peak MiB"]
        var rows = [header]
        for r in results {
            rows.append([
                r.name, r.isa.map { "\(r.path) (\($0))" } ?? r.path, String(r.T), String(r.heads), String(r.d), r.causal ? "causal" : "full", String(r.threads),
                benchFixed(r.median_ms, 2), benchFixed(r.best_ms, 2), benchFixed(r.gflops, 1),
                r.fraction_of_sgemm.map { benchFixed($0 * 100, 0) + "%" } ?? "",
                r.peak_mib.map { benchFixed($0, 1) } ?? "",
            ])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (i, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, s in
                c < 2 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - s.count) + s
            }
            lines.append(cells.joined(separator: "  "))
            if i == 0 { lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n")
    }
}
