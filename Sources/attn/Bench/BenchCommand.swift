import ArgumentParser
import AttentionKernel
import ExplorerUI
import Foundation

/// `attn bench`: how fast the kernel is on this machine, against the machine's own sgemm.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.benchAbstract),
        discussion: """
            Measures attention forward with H heads of width d for each sequence length T, full and \
            causal, on 1 and 2 threads, for the naive, BLAS and tiled paths, then sgemm GFLOP/s (the \
            ceiling). Times are medians of several runs; build with `swift build -c release` first. \
            Compare with numpy and PyTorch by `python3 scripts/bench_reference.py`.
            """
    )

    @Option(name: .customLong("T"), parsing: .upToNextOption, help: "Sequence lengths to measure.")
    var lengths: [Int] = [128, 512, 1024, 2048, 4096]

    @Option(help: "Number of heads H.")
    var heads: Int = 8

    @Option(name: .customLong("head-dim"), help: "Head width d.")
    var headDim: Int = 64

    @Option(parsing: .upToNextOption, help: "Thread counts to measure.")
    var threads: [Int] = [1, 2]

    @Option(parsing: .upToNextOption, help: "Paths to measure: naive, blas, tiled.")
    var paths: [String] = AttentionPath.allCases.map(\.rawValue)

    @Option(name: .customLong("naive-max-T"), help: "Longest sequence the slow naive path runs on.")
    var naiveMaxLength: Int = 512

    @Option(name: .customLong("block-q"), help: "Query rows per tile of the tiled path.")
    var blockQ: Int = TiledAttentionBlocks.default.queries

    @Option(name: .customLong("block-k"), help: "Keys per tile of the tiled path.")
    var blockK: Int = TiledAttentionBlocks.default.keys

    @Option(name: .customLong("kernel-isa"), help: "The tiled path's compiled variant: scalar, baseline (SSE2), avx2, avx512 (default: the best this CPU runs).")
    var kernelISA: String?

    @Flag(help: "Measure the explorer instead: key press → update → view → grid diff, per lesson, and the first frame after launch.")
    var ui = false

    @Flag(help: "Measure the trained models instead (MiniLM, SmolLM2; install them first), beside PyTorch.")
    var models = false

    @OptionGroup var location: LessonDirectoryOption

    @Flag(help: "Print one JSON array instead of a table.")
    var json = false

    func validate() throws {
        guard !lengths.isEmpty, lengths.allSatisfy({ (1...65_536).contains($0) }) else {
            throw ValidationError("--T takes sequence lengths between 1 and 65536, got \(lengths)")
        }
        guard (1...256).contains(heads) else { throw ValidationError("--heads must be between 1 and 256, got \(heads)") }
        guard (1...1024).contains(headDim) else { throw ValidationError("--head-dim must be between 1 and 1024, got \(headDim)") }
        guard !threads.isEmpty, threads.allSatisfy({ (1...64).contains($0) }) else {
            throw ValidationError("--threads takes counts between 1 and 64, got \(threads)")
        }
        guard (1...4096).contains(blockQ), (1...4096).contains(blockK) else {
            throw ValidationError("--block-q and --block-k must be between 1 and 4096, got \(blockQ) and \(blockK)")
        }
        if let kernelISA, !KernelISA.allCases.map(\.name).contains(kernelISA) {
            throw ValidationError("unknown --kernel-isa '\(kernelISA)'; choose from scalar, baseline, avx2, avx512")
        }
        for p in paths where AttentionPath(rawValue: p) == nil {
            throw ValidationError("unknown path '\(p)'; choose from \(AttentionPath.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if !ui { try checkMemory(available: availableMemoryBytes()) }
    }

    /// The most memory one measurement holds: Q, K, V, the output and the tiled path's packed keys
    /// (H × T × d floats each), plus each thread's scratch for the hungriest path measured at that length.
    func neededBytes(length t: Int) -> Double {
        let tensors = 5 * Double(heads) * Double(t) * Double(headDim) * 4
        let measured = paths.compactMap(AttentionPath.init(rawValue:)).filter { $0 != .naive || t <= naiveMaxLength }
        let scratch = measured.map { path -> Double in
            // In Double: attentionScratchBytes is an Int product that overflows at absurd sizes.
            path == .blas ? Double(t) * Double(t) * 4
                : Double(attentionScratchBytes(path: path, queries: min(t, 4096), keys: min(t, 4096), blocks: TiledAttentionBlocks(queries: blockQ, keys: blockK)))
        }.max() ?? 0
        return tensors + Double(threads.max() ?? 1) * scratch
    }

    /// Refuses sizes whose buffers would not fit in the memory this machine has free, rather than
    /// letting the allocator abort half-way (T = 65536, H = 256, d = 1024 asked for 68 GB).
    func checkMemory(available: Double?) throws {
        guard let available, let t = lengths.max() else { return }
        let needed = neededBytes(length: t)
        // Half of what is free: the sgemm ceiling, the page cache and the rest of the system need room too.
        guard needed <= available / 2 else {
            throw ValidationError(String(
                format: "T = %d with %d heads of %d needs about %.1f GB for its buffers, but this machine has %.1f GB of memory available; use a shorter --T, fewer --heads or a smaller --head-dim",
                t, heads, headDim, needed / 1e9, available / 1e9))
        }
    }

    /// MemAvailable from /proc/meminfo (what can be allocated without swapping), else the free pages.
    func availableMemoryBytes() -> Double? {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kib = Double(line.split(separator: " ").dropFirst().first ?? "") {
            return kib * 1024
        }
        let pages = sysconf(Int32(_SC_AVPHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? Double(pages) * Double(size) : nil
    }

    func run() throws {
        if ui { return try runUI() }
        if models { return try ModelBench.run(json: json) }
        if let kernelISA, let isa = KernelISA.allCases.first(where: { $0.name == kernelISA }), KernelISA.force(isa) != isa {
            FileHandle.standardError.write(Data("note: this CPU cannot run \(kernelISA); measuring \(KernelISA.current.name)\n".utf8))
        }
        var bench = KernelBenchmark(lengths: lengths)
        bench.heads = heads
        bench.headDim = headDim
        bench.threadCounts = threads
        bench.paths = paths.compactMap(AttentionPath.init(rawValue:))
        bench.naiveMaxLength = naiveMaxLength
        bench.blocks = TiledAttentionBlocks(queries: blockQ, keys: blockK)
        bench.progress = { message in
            FileHandle.standardError.write(Data("… \(message)\r\u{1B}[K".utf8))
        }
        let results = try bench.run()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(results), as: UTF8.self))
        } else {
            print(BenchTable.render(results, blasCore: blasCoreDescription))
        }
    }

    /// The explorer's frame times at 200×60, and the time from launch to the first finished frame.
    func runUI() throws {
        let library = LessonLibrary(directory: try location.resolve())
        var first = AppState(lessons: library.lessons)
        first.open(lesson: 0)
        _ = view(first, width: 200, height: 60)
        let launch = secondsSinceLaunch()
        let benchmark = FrameBenchmark(lessons: library.lessons)
        let results = benchmark.run() + (benchmark.runDeepestScene().map { [$0] } ?? [])
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            var rows = try JSONSerialization.jsonObject(with: encoder.encode(results)) as! [Any]
            rows.insert(["name": "first_frame", "width": 200, "height": 60, "ms": launch.map { $0 * 1e3 } as Any? ?? NSNull()], at: 0)
            print(String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
            return
        }
        print("First frame after launch (load lessons, compute, draw at 200×60): " + (launch.map { benchFixed($0 * 1e3, 1) + " ms" } ?? "unknown"))
        print("Key press → update → view → grid diff at 200×60 (the terminal write itself excluded):")
        for r in results {
            let label = r.name == "frame" ? r.lesson : "\(r.lesson), \(r.name.dropFirst(6).replacingOccurrences(of: "_", with: " "))"
            print("  \(label.padding(toLength: max(20, label.count), withPad: " ", startingAt: 0))  \(benchInt(r.frames, width: 3)) frames  median \(benchFixed(r.median_ms, 2, width: 6)) ms  max \(benchFixed(r.max_ms, 2, width: 6)) ms")
        }
    }
}
