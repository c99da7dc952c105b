@testable import AttentionKernel
import CAttentionKernels
import Foundation
import XCTest

/// The C kernels' parts, in every variant this CPU runs: the exp2 of the tiled softmax step against
/// Foundation's double-precision exp2, and the fused passes' contract.
final class KernelISATests: XCTestCase {
    func testVectorExp2MatchesFoundationInEveryVariant() {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        // −∞ (a masked score), the underflow edge, 0, both sides of every rounding point ±k.5, and a
        // sweep; 37 values so tails are exercised
        var inputs: [Float] = [-.infinity, -1000, -126.01, -125.99, -50, -0.5, -0.49999, -1e-7, 0, 1e-7, 0.5, 1, 10, 127.4]
        inputs += (0..<1000).map { Float(-130 + 0.257 * Double($0)) }
        for isa in KernelISA.allCases where isa <= KernelISA.best {
            XCTAssertEqual(KernelISA.force(isa), isa)
            for n in [inputs.count, 37, 5, 1] {
                var x = Array(inputs.prefix(n))
                kernelExp2InPlace(&x)
                for (xi, yi) in zip(inputs.prefix(n), x) {
                    if xi < -126 {
                        XCTAssertEqual(yi, 0, "\(isa.name): 2^\(xi) must be exactly 0 (masked scores get no weight)")
                        continue
                    }
                    let want = Foundation.exp2(Double(xi))
                    let rel = abs(Double(yi) - want) / want
                    XCTAssertLessThan(rel, 3e-7, "\(isa.name): 2^\(xi) = \(yi), want \(want)")
                }
            }
        }
    }

    /// attn_scores_softmax as its header states it: P = 2^(S₂ − m) against the row's max so far,
    /// l += Σ P, m and O untouched — except for a block of rows where some S₂ − m > 8, which is done
    /// the exact way (m raised to the row's max, l and O rescaled). Rows 0–11 here have scores up to
    /// 3 above their m (P up to 8, left lazy); row 12, in a block of its own in every variant (12,
    /// 6 or 4 register rows), has scores 20 above (redone). In every row P ≤ 2⁸ and
    /// O/l keeps its meaning: P = 2^(S₂ − m_after), l_after = l·2^(m − m_after) + Σ P, O likewise.
    func testFusedPassesKeepTheMaxLazyAndRedoTheBlocksThatRiseTooFar() {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        let rows = 13, cols = 64, d = 16, dv = 5
        let q = Tensor.normal([rows, d], seed: 21).scalars, k = Tensor.normal([cols, d], seed: 22).scalars
        let scale2: Float = 0.25 * 1.442_695_04
        // S₂ in double, from the same float inputs
        let s2 = (0..<rows).map { r in
            (0..<cols).map { j in Double(scale2) * (0..<d).reduce(0.0) { $0 + Double(q[r * d + $1]) * Double(k[j * d + $1]) } }
        }
        let mBefore = (0..<rows).map { Float(s2[$0].max()! - ($0 == 12 ? 20 : 3)) }
        let lBefore = [Float](repeating: 2, count: rows)
        let oBefore = Tensor.normal([rows, dv], seed: 23).scalars
        for isa in KernelISA.allCases where isa <= KernelISA.best {
            KernelISA.force(isa)
            var packedQ = [Float](repeating: .nan, count: rows * d)
            var packedK = [Float](repeating: .nan, count: attn_packed_keys_floats(cols, d))
            var work = [Float](repeating: .nan, count: attn_scores_softmax_work_floats(rows))
            var tile = [Float](repeating: .nan, count: rows * cols)
            var m = mBefore, l = lBefore, o = oBefore
            attn_pack_queries(q, d, rows, d, &packedQ)
            attn_pack_keys(k, d, cols, d, &packedK)
            attn_scores_softmax(packedQ, rows, packedK, cols, d, scale2, &m, &l, &tile, &o, dv, dv, &work)
            for r in 0..<rows {
                let name = "\(isa.name) row \(r)"
                if r < 12 { XCTAssertEqual(m[r], mBefore[r], "\(name): left lazy, its max stays") }
                if r == 12 { XCTAssertEqual(Double(m[r]), s2[r].max()!, accuracy: 1e-5, "\(name): redone, max raised") }
                let c = Foundation.exp2(Double(mBefore[r]) - Double(m[r]))
                var sum = 0.0
                for j in 0..<cols {
                    let p = Double(tile[r * cols + j]), want = Foundation.exp2(s2[r][j] - Double(m[r]))
                    XCTAssertLessThanOrEqual(p, 256, "\(name)")
                    XCTAssertEqual(p, want, accuracy: 1e-5 * want + 1e-30, "\(name) P[\(j)]")
                    sum += p
                }
                XCTAssertEqual(Double(l[r]), Double(lBefore[r]) * c + sum, accuracy: 1e-5 * Double(l[r]), "\(name): l")
                for t in 0..<dv {
                    XCTAssertEqual(Double(o[r * dv + t]), Double(oBefore[r * dv + t]) * c, accuracy: 1e-6, "\(name): O")
                }
            }
        }
    }
}
