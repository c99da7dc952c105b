import AttentionKernel
import Foundation
import Models

/// `attn bench --models`: MiniLM and SmolLM2 on one thread, beside scripts/model_reference.py's
/// PyTorch run measured in the same invocation (when a Python with torch is found).
enum ModelBench {
    static func run(json: Bool) throws {
        setBLASThreads(1)
        var attn: [String: Any] = [:]
        let minilm = try MiniLM.installed()
        let ids = [101] + (0..<14).map { 2000 + $0 } + [102]                  // 16 tokens
        let t = Stopwatch.samples(minRuns: 20, maxRuns: 50, minSeconds: 0.5) { _ = try? minilm.model.forward(ids: ids) }
        attn["minilm_16_ms"] = median(t) * 1e3

        var smol: SmolLM2?
        attn["smollm2_load_s"] = try Stopwatch.seconds { smol = try SmolLM2.installed() }
        let m = smol!
        let prompt = (0..<32).map { 1000 + 7 * $0 }
        var sampler = Sampler(.greedy)
        let session = try m.model.session()
        var next = 0
        attn["smollm2_ttft_32_ms"] = try Stopwatch.seconds { next = sampler.next(try session.append(prompt)) } * 1e3
        let n = 32
        let decode = try Stopwatch.seconds {
            for _ in 0..<n { next = sampler.next(try session.append([next])) }
        }
        attn["smollm2_tokens_per_s"] = Double(n) / decode
        attn["peak_rss_mb"] = peakRSSMegabytes()
        attn["blas_core"] = blasCoreDescription

        let reference = runReference()
        if json {
            var out: [String: Any] = ["attn": attn]
            out["pytorch"] = reference ?? NSNull()
            print(String(decoding: try JSONSerialization.data(withJSONObject: out, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
            return
        }
        func cell(_ d: [String: Any]?, _ k: String, _ decimals: Int) -> String {
            guard let v = d?[k] as? Double else { return "—" }
            return benchFixed(v, decimals, width: 8)
        }
        print("one thread, OpenBLAS \(blasCoreDescription)")
        print("                                               attn        PyTorch")
        print("MiniLM, 16 tokens (ms)                      \(cell(attn, "minilm_16_ms", 2))    \(cell(reference, "minilm_16_ms", 2))")
        print("SmolLM2 time to first token, 32 tokens (ms) \(cell(attn, "smollm2_ttft_32_ms", 1))    \(cell(reference, "smollm2_ttft_32_ms", 1))")
        print("SmolLM2 decoding with KV cache (tokens/s)   \(cell(attn, "smollm2_tokens_per_s", 1))    \(cell(reference, "smollm2_tokens_per_s", 1))")
        print("peak resident memory (MB)                   \(cell(attn, "peak_rss_mb", 0))    \(cell(reference, "peak_rss_mb", 0))")
        if reference == nil { print("(PyTorch reference not run: set ATTN_REFERENCE_PYTHON to a Python with torch, gguf and safetensors, from the repository root)") }
    }

    static func peakRSSMegabytes() -> Double {
        guard let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return .nan }
        return kb / 1024
    }

    /// Runs `scripts/model_reference.py bench` with $ATTN_REFERENCE_PYTHON (default /work/venv-torch/bin/python).
    static func runReference() -> [String: Any]? {
        let py = ProcessInfo.processInfo.environment["ATTN_REFERENCE_PYTHON"] ?? "/work/venv-torch/bin/python"
        let script = "scripts/model_reference.py"
        guard FileManager.default.isExecutableFile(atPath: py), FileManager.default.fileExists(atPath: script) else { return nil }
        FileHandle.standardError.write(Data("… running the PyTorch reference (\(py) \(script) bench)\n".utf8))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: py)
        p.arguments = [script, "bench"]
        let out = Pipe()
        p.standardOutput = out
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
    }
}
