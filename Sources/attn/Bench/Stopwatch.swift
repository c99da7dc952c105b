import Foundation

/// Monotonic wall-clock timing for benchmarks.
enum Stopwatch {
    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        try body()
        clock_gettime(CLOCK_MONOTONIC, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) * 1e-9
    }

    /// Runs `body` once to warm up, then repeatedly until `minRuns` runs and `minSeconds` have passed
    /// (at most `maxRuns`); returns every run's time in seconds.
    static func samples(minRuns: Int = 3, maxRuns: Int = 25, minSeconds: Double = 0.3, _ body: () throws -> Void) rethrows -> [Double] {
        try body()
        var times: [Double] = []
        var total = 0.0
        while times.count < minRuns || (total < minSeconds && times.count < maxRuns) {
            let t = try seconds(body)
            times.append(t)
            total += t
        }
        return times
    }
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// The process's peak resident memory, resettable: Linux keeps a high-water mark (VmHWM) that
/// writing "5" to /proc/self/clear_refs resets to the current resident size.
enum PeakMemory {
    /// Makes every large allocation a fresh mmap, so a buffer freed by one case and reused by the
    /// next still shows in the next case's peak (glibc otherwise raises its mmap threshold after
    /// the first free and serves later buffers from heap pages that are already resident).
    /// For the one run of a case whose peak is measured; the heap's free pages, kept for the timed
    /// runs of the case before, are given back first, so that no buffer finds pages already there.
    static func useFreshPagesForLargeBuffers() {
        mallopt(mmapThreshold, 256 * 1024)
        mallopt(trimThreshold, 128 * 1024)
        typealias MallocTrim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
        }
    }

    /// Serves large allocations from the heap and keeps freed heap pages, so that the timed runs of
    /// a case reuse the pages the first run touched, as PyTorch's runs reuse its allocator's: what
    /// they time is the kernel, not the first touch of its output and scratch pages.
    static func reusePagesForLargeBuffers() {
        mallopt(mmapThreshold, 1 << 30)
        mallopt(trimThreshold, 1 << 30)
    }

    // mallopt and malloc_trim live in <malloc.h>, which Swift's Glibc module does not export.
    private static let mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
    private static func mallopt(_ option: Int32, _ value: Int32) {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(option, value)
    }

    /// Resets the high-water mark; returns the current resident bytes, or nil where unsupported.
    static func reset() -> Int? {
        guard let f = fopen("/proc/self/clear_refs", "w") else { return nil }
        fputs("5", f)
        fclose(f)
        return status("VmRSS")
    }

    /// The high-water mark in bytes since the last reset.
    static func peak() -> Int? { status("VmHWM") }

    private static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first
            return kb.map { $0 * 1024 }
        }
        return nil
    }
}
