import AttentionKernel
import Foundation

/// One measured case, as printed in the table and in `--json`.
struct BenchResult: Codable {
    var name: String
    var path: String
    var T: Int
    var heads: Int
    var d: Int
    var causal: Bool
    var threads: Int
    var median_ms: Double
    /// The fastest run.
    var best_ms: Double
    /// GFLOP/s of the median run.
    var gflops: Double
    /// GFLOP/s of the fastest run: the same operations, in best_ms.
    var bestGflops: Double { gflops * median_ms / best_ms }
    var peak_mib: Double?
    /// GFLOP/s of the fastest run over the sgemm ceiling (sgemm's fastest run) measured in the same
    /// invocation with the same thread count: both are limits of the machine, and on a shared machine
    /// noise only slows runs, so the fastest of each is compared.
    var fraction_of_sgemm: Double?
    var runs: Int
    /// The tiled path's compiled variant (`KernelISA`), nil for the other paths.
    var isa: String? = nil
    /// The OpenBLAS core sgemm ran on (`blasCoreDescription`), on the sgemm rows.
    var blas_core: String? = nil

    /// Every field in every row, `null` where a value is unknown (the synthesised encoder drops nils).
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(path, forKey: .path)
        try c.encode(T, forKey: .T)
        try c.encode(heads, forKey: .heads)
        try c.encode(d, forKey: .d)
        try c.encode(causal, forKey: .causal)
        try c.encode(threads, forKey: .threads)
        try c.encode(median_ms, forKey: .median_ms)
        try c.encode(best_ms, forKey: .best_ms)
        try c.encode(gflops, forKey: .gflops)
        try c.encode(peak_mib, forKey: .peak_mib)
        try c.encode(fraction_of_sgemm, forKey: .fraction_of_sgemm)
        try c.encode(runs, forKey: .runs)
        try c.encode(isa, forKey: .isa)
        try c.encode(blas_core, forKey: .blas_core)
    }
}

/// Measures sgemm (the ceiling) and attention forward for the naive, BLAS and tiled paths.
struct KernelBenchmark {
    var lengths: [Int]
    var heads = 8
    var headDim = 64
    var threadCounts = [1, 2]
    /// The naive path takes seconds per run beyond this length; longer cases are not run.
    var naiveMaxLength = 512
    var paths: [AttentionPath] = AttentionPath.allCases
    var blocks = TiledAttentionBlocks.default
    var progress: (String) -> Void = { _ in }

    /// sgemm GFLOP/s for square matrices of `size`, with OpenBLAS on `threads` threads (fastest run).
    func sgemmCeiling(threads: Int, size: Int = 1024) throws -> BenchResult {
        setBLASThreads(threads)
        defer { setBLASThreads(1) }
        let a = Tensor.normal([size, size], seed: 1), b = Tensor.normal([size, size], seed: 2)
        let peak = try peakMiB { _ = try matmul(a, b) }
        let times = try Stopwatch.samples(minRuns: 10, minSeconds: 0.5) { _ = try matmul(a, b) }
        // The ceiling is the machine's limit, so the fastest run estimates it: noise only slows runs.
        let ms = median(times) * 1e3, best = (times.min() ?? .nan) * 1e3
        return BenchResult(name: "sgemm \(size)³", path: "sgemm", T: size, heads: 1, d: size, causal: false,
                           threads: threads, median_ms: ms, best_ms: best,
                           gflops: 2 * pow(Double(size), 3) / (ms * 1e6), peak_mib: peak, fraction_of_sgemm: 1, runs: times.count,
                           blas_core: blasCoreDescription)
    }

    /// Floating-point operations of attention forward: QKᵀ and A·V are 2·T²·d each per head;
    /// causal attention only needs the T(T+1)/2 entries on and below the diagonal.
    static func attentionFlops(length t: Int, heads: Int, headDim d: Int, causal: Bool) -> Double {
        let pairs = causal ? Double(t) * Double(t + 1) / 2 : Double(t) * Double(t)
        return 4 * pairs * Double(d) * Double(heads)
    }

    /// The attention cases, then the sgemm ceilings, returned ceilings first. The ceilings come last
    /// as a precaution: OpenBLAS's worker threads go on spinning for a while after a multi-threaded
    /// sgemm returns, and the cases should not share the cores with them. (It was not what slowed
    /// the first two-thread case here: too few runs were, hence up to 100 runs below, 0.3 s at least.)
    func run() throws -> [BenchResult] {
        var results: [BenchResult] = []
        for t in lengths {
            let q = Tensor.normal([heads, t, headDim], seed: 10), k = Tensor.normal([heads, t, headDim], seed: 11)
            let v = Tensor.normal([heads, t, headDim], seed: 12)
            for causal in [false, true] {
                for path in paths where path != .naive || t <= naiveMaxLength {
                    for threads in threadCounts {
                        progress("attention \(path.rawValue) T=\(t) \(causal ? "causal" : "full") ×\(threads)")
                        let run = { _ = try attentionHeads(q: q, k: k, v: v, causal: causal, path: path, threads: threads, blocks: blocks) }
                        let peak = try peakMiB(run)
                        let times = try Stopwatch.samples(minRuns: path == .naive ? 1 : 3, maxRuns: path == .naive ? 3 : 100, run)
                        let ms = median(times) * 1e3
                        let gflops = Self.attentionFlops(length: t, heads: heads, headDim: headDim, causal: causal) / (ms * 1e6)
                        results.append(BenchResult(
                            name: "attention", path: path.rawValue, T: t, heads: heads, d: headDim, causal: causal,
                            threads: threads, median_ms: ms, best_ms: (times.min() ?? .nan) * 1e3, gflops: gflops, peak_mib: peak,
                            fraction_of_sgemm: nil, runs: times.count,
                            isa: path == .tiled ? KernelISA.current.name : nil))
                    }
                }
            }
        }
        var ceilings: [BenchResult] = []
        for threads in threadCounts {
            progress("sgemm ceiling, \(threads) thread(s)")
            ceilings.append(try sgemmCeiling(threads: threads))
        }
        for i in results.indices {
            guard let c = ceilings.first(where: { $0.threads == results[i].threads }) else { continue }
            results[i].fraction_of_sgemm = results[i].bestGflops / c.bestGflops
        }
        return ceilings + results
    }
}

/// The peak resident memory one call of `body` adds, in MiB, its large buffers on fresh pages; nil
/// where /proc is not available. Leaves large allocations reusing pages for the timed runs.
private func peakMiB(_ body: () throws -> Void) throws -> Double? {
    PeakMemory.useFreshPagesForLargeBuffers()
    defer { PeakMemory.reusePagesForLargeBuffers() }
    let before = PeakMemory.reset()
    try body()
    guard let before, let peak = PeakMemory.peak() else { return nil }
    return Double(max(0, peak - before)) / 1_048_576
}
