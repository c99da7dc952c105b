import AttentionKernel
import Foundation
import XCTest
import AttnTestSupport

/// Every kernel operation against the numpy fixtures written by scripts/make_fixtures.py.
final class KernelFixtureTests: XCTestCase {
    func testMatmulMatchesNumpy() throws {
        let cases = try Fixtures.load("matmul")
        XCTAssertGreaterThan(cases.count, 0)
        for c in cases {
            let ta = c.bool("transposeA")!, tb = c.bool("transposeB")!
            let a = try c.input("a"), b = try c.input("b")
            assertAllClose(try matmul(a, b, transposeA: ta, transposeB: tb), try c.output("c"), "matmul/\(c.name)")
            assertAllClose(try matmulNaive(a, b, transposeA: ta, transposeB: tb), try c.output("c"), "matmulNaive/\(c.name)")
        }
    }

    func testSoftmaxMatchesNumpy() throws {
        for c in try Fixtures.load("softmax") {
            let x = try c.input("x"), t = c.float("temperature")!
            let expectedMasked = try c.output("fullyMasked").scalars.map { Int($0) }
            for (label, result) in [("softmax", try softmax(x, temperature: t)), ("softmaxNaive", try softmaxNaive(x, temperature: t))] {
                assertAllClose(result.weights, try c.output("weights"), "\(label)/\(c.name)")
                XCTAssertEqual(result.fullyMaskedRows, expectedMasked, "\(label)/\(c.name)")
                XCTAssertFalse(result.weights.scalars.contains { $0.isNaN }, "\(label)/\(c.name) produced NaN")
            }
        }
    }

    func testMemoryReadsMatchNumpy() throws {
        for c in try Fixtures.load("memory") {
            let q = try c.input("query"), k = try c.input("keys"), v = try c.input("values")
            switch c.op {
            case "memoryRead":
                let hard = try hardRead(query: q, keys: k, values: v)
                let avg = try avgRead(query: q, keys: k, values: v)
                if let e = c.expected["hard"] {
                    assertAllClose(try XCTUnwrap(hard, c.name), e, "hardRead/\(c.name)")
                    assertAllClose(try XCTUnwrap(avg, c.name), try c.output("avg"), "avgRead/\(c.name)")
                } else {
                    XCTAssertNil(hard, "hardRead/\(c.name) should find nothing")
                    XCTAssertNil(avg, "avgRead/\(c.name) should find nothing")
                }
            case "softRead":
                let sim = try XCTUnwrap(Similarity(rawValue: c.string("similarity")!))
                let r = try softRead(query: q, keys: k, values: v, similarity: sim, temperature: c.float("temperature")!)
                assertAllClose(r.rawWeights, try c.output("raw"), "softRead raw/\(c.name)")
                assertAllClose(Tensor(vector: [r.weightSum]), try c.output("sum"), rtol: 1e-5, atol: 1e-5, "softRead sum/\(c.name)")
                if let w = c.expected["weights"] {
                    assertAllClose(try XCTUnwrap(r.weights), w, "softRead weights/\(c.name)")
                    assertAllClose(try XCTUnwrap(r.output), try c.output("output"), "softRead output/\(c.name)")
                } else {
                    XCTAssertNil(r.output, "softRead/\(c.name): a zero weight sum gives nothing")
                    XCTAssertNil(r.weights, "softRead/\(c.name)")
                }
                let negatives = r.rawWeights.scalars.indices.filter { r.rawWeights.scalars[$0] < 0 }
                XCTAssertEqual(r.negativeWeightIndices, negatives, "softRead/\(c.name) must report negative weights")
            default: XCTFail("unknown op \(c.op)")
            }
        }
    }

    func testMasksMatchNumpy() throws {
        let cases = try Fixtures.load("masks")
        XCTAssertGreaterThan(cases.count, 10)
        for c in cases {
            let tq = c.int("queries")!, tk = c.int("keys")!
            let causal = c.bool("causal") ?? true
            let mask: AttentionMask
            switch c.string("kind")! {
            case "causal": mask = .causal(queries: tq, keys: tk)
            case "padding": mask = try .padding(queries: tq, keys: tk, validKeys: c.int("validKeys")!)
            case "sliding": mask = try .slidingWindow(queries: tq, keys: tk, width: c.int("width")!, causal: causal)
            case "dilated": mask = try .dilatedSlidingWindow(queries: tq, keys: tk, width: c.int("width")!, dilation: c.int("dilation")!, causal: causal)
            case "globalSliding": mask = try .globalSliding(queries: tq, keys: tk, width: c.int("width")!, global: c.ints("global")!, causal: causal)
            default: XCTFail("unknown mask \(c.name)"); continue
            }
            XCTAssertEqual(mask.allowed, c.expectedBools["allowed"], "mask/\(c.name)")
        }
    }

    func testAttentionMatchesNumpy() throws {
        for c in try Fixtures.load("attention") {
            let q = try c.input("q"), k = try c.input("k"), v = try c.input("v")
            let mask = try c.inputBools("mask").map { flat in
                try AttentionMask(allowed: stride(from: 0, to: flat.count, by: k.rows).map { Array(flat[$0..<($0 + k.rows)]) })
            }
            let args = (scale: c.float("scale"), softcap: c.float("softcap"), t: c.float("temperature")!)
            let fast = try scaledDotProductAttention(q: q, k: k, v: v, mask: mask, bias: c.inputs["bias"], scale: args.scale, softcap: args.softcap, temperature: args.t)
            let slow = try attentionNaive(q: q, k: k, v: v, mask: mask, bias: c.inputs["bias"], scale: args.scale, softcap: args.softcap, temperature: args.t)
            for (label, r) in [("sdpa", fast), ("naive", slow)] {
                assertAllClose(r.scores, try c.output("scores"), "\(label) scores/\(c.name)")
                assertAllClose(r.scaledScores, try c.output("scaledScores"), "\(label) scaled/\(c.name)")
                assertAllClose(r.maskedScores, try c.output("maskedScores"), "\(label) masked/\(c.name)")
                assertAllClose(r.weights, try c.output("weights"), "\(label) weights/\(c.name)")
                assertAllClose(r.output, try c.output("output"), "\(label) output/\(c.name)")
                XCTAssertEqual(r.fullyMaskedRows, try c.output("fullyMasked").scalars.map { Int($0) }, "\(label)/\(c.name)")
            }
        }
    }

    func testMultiHeadMatchesNumpy() throws {
        for c in try Fixtures.load("multihead") {
            let w = try MultiHeadWeights(
                numHeads: c.int("numHeads")!, numKVHeads: c.int("numKVHeads")!, headDim: c.int("headDim")!,
                wQ: try c.input("wQ"), wK: try c.input("wK"), wV: try c.input("wV"), wO: try c.input("wO"))
            let x = try c.input("x"), xkv = c.inputs["xkv"]
            let mask: AttentionMask? = c.bool("causal")! ? .causal(queries: x.rows, keys: (xkv ?? x).rows) : nil
            let r = try multiHeadAttention(input: x, keyValueInput: xkv, weights: w, mask: mask)
            assertAllClose(try Tensor.stack(r.heads.map(\.attention.weights)), try c.output("weights"), "heads' weights/\(c.name)")
            assertAllClose(r.concatenated, try c.output("concatenated"), "concat/\(c.name)")
            assertAllClose(r.output, try c.output("output"), "output/\(c.name)")
        }
    }

    func testPositionalEncodingsMatchNumpy() throws {
        for c in try Fixtures.load("positional") {
            switch c.op {
            case "sinusoidal":
                assertAllClose(try sinusoidalEncoding(length: c.int("length")!, dim: c.int("dim")!), try c.output("pe"), "sinusoidal/\(c.name)")
            case "rope":
                let pairing = try XCTUnwrap(RoPEPairing(rawValue: c.string("pairing")!))
                let y = try applyRoPE(try c.input("x"), positions: c.ints("positions")!, base: Double(c.float("base")!), pairing: pairing)
                assertAllClose(y, try c.output("y"), "rope/\(c.name)")
            case "ropeAngles":
                let a = try ropeAngles(positions: c.ints("positions")!, dim: c.int("dim")!, base: Double(c.float("base")!))
                assertAllClose(a, try c.output("angles"), "ropeAngles/\(c.name)")
            case "alibiSlopes":
                assertAllClose(Tensor(vector: try alibiSlopes(numHeads: c.int("numHeads")!)), try c.output("slopes"), "alibiSlopes/\(c.name)")
            case "alibiBias":
                let b = try alibiBias(slope: c.float("slope")!, queries: c.int("queries")!, keys: c.int("keys")!)
                assertAllClose(b, try c.output("bias"), "alibiBias/\(c.name)")
            default: XCTFail("unknown op \(c.op)")
            }
        }
    }

    func testNormsAndSoftcapMatchNumpy() throws {
        for c in try Fixtures.load("norms") {
            let x = try c.input("x")
            let y: Tensor
            switch c.op {
            case "layerNorm": y = try layerNorm(x, gamma: c.inputs["gamma"], beta: c.inputs["beta"], eps: c.float("eps")!)
            case "rmsNorm": y = try rmsNorm(x, gamma: c.inputs["gamma"], eps: c.float("eps")!)
            case "softcap": y = try logitSoftcap(x, cap: c.float("cap")!)
            default: XCTFail("unknown op \(c.op)"); continue
            }
            assertAllClose(y, try c.output("y"), "\(c.op)/\(c.name)")
        }
    }

    /// Every tiled and batched fixture, on every compiled variant of the tile step this CPU can run
    /// (forced one by one, so the SSE2 and plain-C fallbacks are checked on an AVX machine too).
    func testTiledAndBatchedPathsMatchNumpy() throws {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        for isa in KernelISA.allCases where isa <= KernelISA.best {
            XCTAssertEqual(KernelISA.force(isa), isa)
            for c in try Fixtures.load("tiled") {
                let q = try c.input("q"), k = try c.input("k"), v = try c.input("v"), causal = c.bool("causal")!
                if c.op == "tiled" {
                    let y = try tiledAttention(q: q, k: k, v: v, causal: causal, blockQ: c.int("blockQ")!, blockK: c.int("blockK")!)
                    assertAllClose(y, try c.output("output"), "tiled \(isa.name)/\(c.name)")
                    continue
                }
                let blocks = TiledAttentionBlocks(queries: c.int("blockQ") ?? 16, keys: c.int("blockK") ?? 8)
                for path in AttentionPath.allCases where path == .tiled || isa == KernelISA.best {
                    for threads in [1, 2, 3] {
                        let y = try attentionHeads(q: q, k: k, v: v, causal: causal, path: path, threads: threads, blocks: blocks)
                        assertAllClose(y, try c.output("output"), "heads \(path) \(isa.name) ×\(threads)/\(c.name)")
                    }
                }
            }
        }
    }

    /// Shapes like the benchmark's (d = 64, T up to 300, several query blocks and key tiles, a
    /// short block), on every variant, against the BLAS twin: the products' register blocks (12 and
    /// 6 rows, 2 and 4 vectors) meet partial blocks, partial panels and the causal diagonal here.
    func testTiledPathMatchesTheBLASPathOnBenchmarkShapesInEveryVariant() throws {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        let q = Tensor.normal([3, 301, 64], seed: 4), k = Tensor.normal([3, 301, 64], seed: 5)
        let v = Tensor.normal([3, 301, 64], seed: 6)
        for causal in [false, true] {
            let want = try attentionHeads(q: q, k: k, v: v, causal: causal, path: .blas)
            for isa in KernelISA.allCases where isa <= KernelISA.best {
                KernelISA.force(isa)
                for blocks in [TiledAttentionBlocks.default, TiledAttentionBlocks(queries: 37, keys: 100)] {
                    for threads in [1, 2] {
                        let got = try attentionHeads(q: q, k: k, v: v, causal: causal, path: .tiled, threads: threads, blocks: blocks)
                        assertAllClose(got, want, rtol: 1e-5, atol: 2e-6, "\(isa.name) causal \(causal) blocks \(blocks.queries)×\(blocks.keys) ×\(threads)")
                    }
                }
            }
        }
    }

    /// The fused passes take P = 2^(S₂ − m) against each row's max so far, which the first panel of
    /// keys sets; a block of rows whose scores rise more than 8 above it is redone the exact way.
    /// Here the scores of the even query rows rise along the keys, each row at its own rate: the
    /// steepest from −47 in the first panel to +59 at the last key, so S₂ − m reaches ~150 (P would
    /// overflow to ∞ without the redo); those of the odd rows fall. On every variant, full and
    /// causal, with one and several blocks of rows, the tiled path and its BLAS twin both agree with
    /// attention computed in double precision, within the bound float32 scores allow.
    ///
    /// Scores this large are rounded differently by each product: |S| ≤ 60 has an ulp of 4e-6, and
    /// sgemm's kernels (whichever OpenBLAS core runs) and the tiled path's each round their own way:
    /// each path lands up to ~7e-6 from the double-precision result (measured on an AMD EPYC with
    /// Haswell's sgemm kernels, where comparing the two paths with each other at 1e-5 failed). The bound:
    /// each S_ij is off by at most γ_d·Σₑ|q_ie·k_je|·scale (γ_d ≈ d·u, u = 2⁻²⁴, first order), and
    /// moving every score of a row by at most δ moves its output by at most 2δ·max|v|.
    func testTiledPathRedoesRowsWhoseScoresRiseFarAboveTheirMax() throws {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        let h = 2, t = 300, d = 16, dv = 8
        let noise = Tensor.normal([h, t, d], std: 0.1, seed: 8)
        var q = noise.scalars, k = noise.scalars.reversed() as [Float]
        for head in 0..<h {
            for i in 0..<t {
                // q_i = ±1.8·(1 + i mod 7)·e₀, k_j = (j − 150)/8·e₀, plus noise, scale 1/4:
                // S_ij ≈ ±(1 + i mod 7)·0.056·(j − 150)
                q[(head * t + i) * d] = 1.8 * Float(1 + i % 7) * (i % 2 == 0 ? 1 : -1)
                k[(head * t + i) * d] = Float(i - 150) / 8
            }
        }
        let qt = try Tensor(shape: [h, t, d], scalars: q), kt = try Tensor(shape: [h, t, d], scalars: k)
        let v = Tensor.normal([h, t, dv], seed: 9)
        let scale = 1 / Double(d).squareRoot()
        var largestProduct = 0.0   // max over i, j of Σₑ |q_ie·k_je|·scale
        for head in 0..<h {
            for i in 0..<t {
                for j in 0..<t {
                    var sum = 0.0
                    for e in 0..<d { sum += abs(Double(q[(head * t + i) * d + e]) * Double(k[(head * t + j) * d + e])) }
                    largestProduct = max(largestProduct, sum * scale)
                }
            }
        }
        let maxV = Double(v.scalars.map(abs).max()!)
        let bound = Float(2 * Double(d) * 0x1p-24 * largestProduct * maxV)
        print("note: float32 scores allow |ΔO| ≤ \(bound) here (largest Σ|q·k|·scale \(largestProduct))")
        XCTAssertLessThan(bound, 1e-3, "the bound still tells a redone row from a wrong one")
        for causal in [false, true] {
            let exact = try Tensor(shape: [h, t, dv], scalars: attentionInDouble(q: q, k: k, v: v.scalars, heads: h, t: t, d: d, dv: dv, causal: causal))
            let twin = try attentionHeads(q: qt, k: kt, v: v, causal: causal, path: .blas)
            assertAllClose(twin, exact, rtol: 0, atol: bound, "BLAS twin, causal \(causal)")
            for isa in KernelISA.allCases where isa <= KernelISA.best {
                KernelISA.force(isa)
                for blocks in [TiledAttentionBlocks.default, TiledAttentionBlocks(queries: 37, keys: 64)] {
                    let got = try attentionHeads(q: qt, k: kt, v: v, causal: causal, path: .tiled, threads: 2, blocks: blocks)
                    assertAllClose(got, exact, rtol: 0, atol: bound, "\(isa.name) causal \(causal) blocks \(blocks.queries)×\(blocks.keys)")
                }
            }
        }
    }

    /// Debian 12's OpenBLAS takes CPUs newer than itself for Prescott (SSE3 kernels, a quarter of the
    /// speed); attn then picks the kernels the CPU's features allow (blas_core.c). Unless the user
    /// chose with OPENBLAS_CORETYPE, a CPU with AVX2 or AVX-512 never runs Prescott's.
    func testOpenBLASRunsKernelsTheCPUsFeaturesAllow() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil, "OPENBLAS_CORETYPE chooses the core")
        print("note: OpenBLAS core \(blasCoreDescription)")
        if KernelISA.best >= .avx2 {
            XCTAssertNotEqual(blasCoreName.lowercased(), "prescott", blasCoreDescription)
        }
        if let detected = blasCoreDetected {
            XCTAssertEqual(detected.lowercased(), "prescott", "attn replaces only OpenBLAS's fallback")
            XCTAssertEqual(blasCoreName, KernelISA.best == .avx512 ? "SkylakeX" : "Haswell")
        }
    }

    /// The variants this CPU lacks are reported, not silently passed.
    func testKernelISAForcingFallsBackToWhatTheCPUHas() {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        XCTAssertEqual(KernelISA.force(.scalar), .scalar)
        XCTAssertEqual(KernelISA.current, .scalar)
        XCTAssertEqual(KernelISA.force(.avx512), KernelISA.best, "asking for more than the CPU has gives the best it has")
        for isa in KernelISA.allCases where isa > KernelISA.best {
            print("note: this CPU cannot run the \(isa.name) variant; its tests ran on \(KernelISA.best.name) and below")
        }
    }

    func testSeededGeneratorMatchesPythonReimplementation() throws {
        for c in try Fixtures.load("random") {
            let seed = UInt64(c.string("seed")!)!
            var g = SeededGenerator(seed: seed)
            XCTAssertEqual((0..<4).map { _ in g.next() }, (c.params["next"] as! [String]).map { UInt64($0)! }, c.name)
            assertAllClose(Tensor.normal([7], mean: 0.5, std: 2, seed: seed), try c.output("normal"), rtol: 0, atol: 0, "normal/\(c.name)")
            assertAllClose(Tensor.uniform([5], low: -1, high: 3, seed: seed), try c.output("uniform"), rtol: 0, atol: 0, "uniform/\(c.name)")
        }
    }
}

/// softmax(Q·Kᵀ/√d)·V per head in double precision, from float32 inputs: the reference a float32 path
/// is measured against when its rounding, not the algorithm, sets the difference.
/// Shapes: q and k (heads, t, d), v (heads, t, dv), flat; the result (heads, t, dv), flat.
private func attentionInDouble(q: [Float], k: [Float], v: [Float], heads: Int, t: Int, d: Int, dv: Int, causal: Bool) -> [Float] {
    let scale = 1 / Double(d).squareRoot()
    var out = [Float](repeating: 0, count: heads * t * dv)
    for head in 0..<heads {
        for i in 0..<t {
            let keys = causal ? i + 1 : t
            var s = [Double](repeating: 0, count: keys)
            for j in 0..<keys {
                for e in 0..<d { s[j] += Double(q[(head * t + i) * d + e]) * Double(k[(head * t + j) * d + e]) }
                s[j] *= scale
            }
            let m = s.max()!
            let p = s.map { Foundation.exp($0 - m) }
            let l = p.reduce(0, +)
            for c in 0..<dv {
                var o = 0.0
                for j in 0..<keys { o += p[j] * Double(v[(head * t + j) * dv + c]) }
                out[(head * t + i) * dv + c] = Float(o / l)
            }
        }
    }
    return out
}
