import AttentionKernel
import XCTest
import AttnTestSupport

/// Properties that hold for any input, checked on seeded random tensors.
final class KernelPropertyTests: XCTestCase {
    func testSoftmaxRowsSumToOneAndMaskedWeightsAreExactlyZero() throws {
        for seed in UInt64(0)..<20 {
            var x = Tensor.normal([5, 19], std: 4, seed: seed)
            let mask = AttentionMask.causal(queries: 5, keys: 19)
            for i in 0..<x.count where !mask.allowed[i] { x.scalars[i] = -.infinity }
            for t: Float in [0.1, 1, 10] {
                let w = try softmax(x, temperature: t).weights
                for r in 0..<5 {
                    XCTAssertEqual(w.row(r).reduce(0, +), 1, accuracy: 1e-5, "seed \(seed) row \(r) τ \(t)")
                }
                for i in 0..<x.count where !mask.allowed[i] {
                    XCTAssertEqual(w.scalars[i], 0, "masked weight at \(i) must be exactly 0")
                }
            }
        }
    }

    func testTemperatureLimitsGiveHardReadAndPlainAverage() throws {
        let x = try Tensor([[0.3, 2.0, -1.0, 1.5]])
        let cold = try softmax(x, temperature: 1e-3).weights
        XCTAssertEqual(cold.row(0), [0, 1, 0, 0])
        let hot = try softmax(x, temperature: 1e6).weights
        for w in hot.row(0) { XCTAssertEqual(w, 0.25, accuracy: 1e-5) }
    }

    func testRoPEKeepsNormsAndScoresDependOnlyOnOffset() throws {
        let d = 8
        for pairing in RoPEPairing.allCases {
            let q = Tensor.normal([1, d], seed: 1), k = Tensor.normal([1, d], seed: 2)
            let x = Tensor.normal([6, d], seed: 3)
            let rotated = try applyRoPE(x, positions: [0, 1, 2, 5, 9, 40], pairing: pairing)
            for r in 0..<6 {
                let before = x.row(r).reduce(0) { $0 + $1 * $1 }, after = rotated.row(r).reduce(0) { $0 + $1 * $1 }
                XCTAssertEqual(before, after, accuracy: 1e-4 * before, "\(pairing): rotation must keep the norm of row \(r)")
            }
            func score(_ m: Int, _ n: Int) throws -> Float {
                let qm = try applyRoPE(q, positions: [m], pairing: pairing), kn = try applyRoPE(k, positions: [n], pairing: pairing)
                return zip(qm.scalars, kn.scalars).reduce(0) { $0 + $1.0 * $1.1 }
            }
            for (m, n) in [(3, 1), (10, 8), (52, 50)] {
                XCTAssertEqual(try score(m, n), try score(2, 0), accuracy: 1e-4, "\(pairing): q_m·k_n must depend only on m − n")
            }
            XCTAssertNotEqual(try score(3, 1), try score(3, 2), accuracy: 1e-4, "\(pairing): different offsets must give different scores")
        }
    }

    func testGQAWithAsManyKVHeadsAsHeadsIsMHAAndSharesGroups() throws {
        let x = Tensor.normal([5, 8], seed: 9)
        let w = try MultiHeadWeights.random(dModel: 8, numHeads: 4, numKVHeads: 4, headDim: 2, seed: 4)
        let mha = try multiHeadAttention(input: x, weights: w, mask: .causal(queries: 5, keys: 5))
        // The same layer computed head by head with single-head attention.
        for h in 0..<4 {
            let cols = { (m: Tensor) in try Tensor(m.matrixRows.map { Array($0[(h * 2)..<(h * 2 + 2)]) }) }
            let single = try projectedAttention(input: x, wQ: cols(w.wQ), wK: cols(w.wK), wV: cols(w.wV), mask: .causal(queries: 5, keys: 5))
            assertAllClose(mha.heads[h].attention.weights, single.attention.weights, "head \(h)")
        }
        XCTAssertEqual(mha.kvHeadOfHead, [0, 1, 2, 3])
        let gqa = try multiHeadAttention(input: x, weights: try MultiHeadWeights.random(dModel: 8, numHeads: 4, numKVHeads: 2, headDim: 2, seed: 4))
        XCTAssertEqual(gqa.kvHeadOfHead, [0, 0, 1, 1])
        XCTAssertEqual(gqa.heads[0].k, gqa.heads[1].k, "heads of one group share K")
        XCTAssertNotEqual(gqa.heads[1].k, gqa.heads[2].k)
    }

    func testTiledPathEqualsFullPathAndSkipsNothingItShouldNot() throws {
        for (tq, tk, causal) in [(70, 70, true), (70, 70, false), (33, 90, true), (90, 33, true), (1, 5, true)] {
            let q = Tensor.normal([tq, 16], seed: 1), k = Tensor.normal([tk, 16], seed: 2), v = Tensor.normal([tk, 12], seed: 3)
            let full = try scaledDotProductAttention(q: q, k: k, v: v, mask: causal ? .causal(queries: tq, keys: tk) : nil)
            for (bq, bk) in [(16, 16), (7, 13), (128, 256)] {
                let tiled = try tiledAttention(q: q, k: k, v: v, causal: causal, blockQ: bq, blockK: bk)
                assertAllClose(tiled, full.output, rtol: 1e-5, atol: 2e-6, "tiled \(tq)×\(tk) causal \(causal) blocks \(bq)×\(bk)")
            }
        }
    }

    func testTiledScratchDoesNotGrowWithSequenceLength() {
        let small = attentionScratchBytes(path: .tiled, queries: 128, keys: 128)
        let large = attentionScratchBytes(path: .tiled, queries: 8192, keys: 8192)
        XCTAssertEqual(small, large, "the tiled path's scratch is one tile, whatever T is")
        XCTAssertEqual(attentionScratchBytes(path: .blas, queries: 8192, keys: 8192), 8192 * 8192 * 4)
    }

    func testKVCacheStepEqualsCausalRow() throws {
        let t = 7, d = 6
        let q = Tensor.normal([t, d], seed: 11), k = Tensor.normal([t, d], seed: 12), v = Tensor.normal([t, 4], seed: 13)
        let full = try scaledDotProductAttention(q: q, k: k, v: v, mask: .causal(queries: t, keys: t))
        var cache = try KVCache(keyDim: d, valueDim: 4)
        for step in 0..<t {
            try cache.append(key: Tensor(vector: k.row(step)), value: Tensor(vector: v.row(step)))
            let r = try cache.attend(query: Tensor(vector: q.row(step)))
            assertAllClose(try r.output.reshaped([4]), Tensor(vector: full.output.row(step)), "cache step \(step) output")
            let row = Array(full.weights.row(step).prefix(step + 1))
            assertAllClose(try r.weights.reshaped([step + 1]), Tensor(vector: row), "cache step \(step) weights")
        }
    }

    func testAttentionIgnoresTokenOrderWithoutPositions() throws {
        // Without positional information, permuting the tokens permutes the outputs the same way.
        let x = Tensor.normal([4, 6], seed: 5)
        let w = (q: Tensor.normal([6, 6], seed: 6), k: Tensor.normal([6, 6], seed: 7), v: Tensor.normal([6, 6], seed: 8))
        let perm = [2, 0, 3, 1]
        let xp = try Tensor(perm.map { x.row($0) })
        let a = try projectedAttention(input: x, wQ: w.q, wK: w.k, wV: w.v).attention.output
        let b = try projectedAttention(input: xp, wQ: w.q, wK: w.k, wV: w.v).attention.output
        assertAllClose(b, try Tensor(perm.map { a.row($0) }), "permutation equivariance")
    }

    func testSeededRandomIsReproducible() {
        XCTAssertEqual(Tensor.normal([3, 4], seed: 7), Tensor.normal([3, 4], seed: 7))
        XCTAssertNotEqual(Tensor.normal([3, 4], seed: 7), Tensor.normal([3, 4], seed: 8))
    }
}
