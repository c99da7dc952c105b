/// Tiled attention with an online softmax (the FlashAttention idea), for one head.
///
/// Shapes: q is (T_q, d), k is (T_k, d), v is (T_k, d_v); the output is (T_q, d_v).
/// The T_q×T_k score matrix never exists: queries go in blocks of `blockQ` rows, keys in tiles of
/// `blockK`, and each query row keeps a running max m and sum l:
///   pass 1 (per tile): S = Q_b·K_jᵀ·scale                       (blockQ, blockK)
///   pass 2 (per row):  m' = max(m, max_j S), c = e^(m − m'), P = e^(S − m'), l = l·c + Σ P, O ← O·c
///   pass 3 (per tile): O += P·V_j                                (blockQ, d_v)
///   finally:           O ← O / l
/// With `causal`, tiles entirely above the diagonal are skipped and the diagonal tile is cut row by
/// row. The extra memory is blockQ·blockK + 2·blockQ floats whatever T is.
public func tiledAttention(
    q: Tensor, k: Tensor, v: Tensor, causal: Bool = false, scale: Float? = nil,
    blockQ: Int = TiledAttentionBlocks.default.queries, blockK: Int = TiledAttentionBlocks.default.keys
) throws -> Tensor {
    let mask: AttentionMask? = causal ? .causal(queries: q.rows, keys: k.rows) : nil
    let s = try checkAttentionInputs("tiledAttention", q: q, k: k, v: v, mask: mask, bias: nil, scale: scale, softcap: nil)
    guard blockQ >= 1, blockK >= 1 else {
        throw KernelError("tiledAttention", "block sizes must be ≥ 1, got blockQ = \(blockQ), blockK = \(blockK)")
    }
    var out = Tensor.zeros([q.rows, v.columns])
    let blocks = TiledAttentionBlocks(queries: blockQ, keys: blockK)
    var scratch = [Float](repeating: 0, count: blocks.scratchFloats)
    q.scalars.withUnsafeBufferPointer { pq in
        k.scalars.withUnsafeBufferPointer { pk in
            v.scalars.withUnsafeBufferPointer { pv in
                out.scalars.withUnsafeMutableBufferPointer { po in
                    scratch.withUnsafeMutableBufferPointer { ps in
                        tiledAttentionHead(
                            q: pq.baseAddress!, k: pk.baseAddress!, v: pv.baseAddress!, out: po.baseAddress!,
                            tq: q.rows, tk: k.rows, d: q.columns, dv: v.columns, scale: s, causal: causal,
                            blocks: blocks, scratch: ps.baseAddress!)
                    }
                }
            }
        }
    }
    return out
}

/// Tile sizes of the tiled path.
public struct TiledAttentionBlocks: Sendable, Equatable {
    public var queries: Int
    public var keys: Int
    public init(queries: Int, keys: Int) {
        self.queries = queries
        self.keys = keys
    }
    /// The best of 64–256 × 256–2048 measured by `attn bench --block-q --block-k` at T = 2048 here.
    public static let `default` = TiledAttentionBlocks(queries: 256, keys: 512)
    /// Scratch per head: the score tile plus m and l per query row.
    public var scratchFloats: Int { queries * keys + 2 * queries }
}

/// The tiled kernel on raw buffers; `scratch` holds `blocks.scratchFloats` floats.
func tiledAttentionHead(
    q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blocks: TiledAttentionBlocks, scratch: UnsafeMutablePointer<Float>
) {
    let bq = blocks.queries, bk = blocks.keys
    let tile = scratch                          // (bq, bk) scores, then probabilities
    let runningMax = scratch + bq * bk          // (bq,)
    let runningSum = runningMax + bq            // (bq,)
    let offset = tk - tq                        // query i sits at key position i + offset
    out.update(repeating: 0, count: tq * dv)
    var q0 = 0
    while q0 < tq {
        let rows = min(bq, tq - q0)
        runningMax.update(repeating: -.infinity, count: rows)
        runningSum.update(repeating: 0, count: rows)
        let lastPosition = q0 + rows - 1 + offset
        var k0 = 0
        while k0 < tk {
            if causal && k0 > lastPosition { break }          // this tile and all after are masked
            let cols = min(bk, tk - k0)
            // pass 1: S = Q_b·K_jᵀ·scale
            sgemm(transposeA: false, transposeB: true, m: rows, n: cols, k: d, alpha: scale,
                  a: q + q0 * d, lda: d, b: k + k0 * d, ldb: d, beta: 0, c: tile, ldc: cols)
            // pass 2: online softmax update per row
            for r in 0..<rows {
                let row = tile + r * cols
                let valid = causal ? min(cols, q0 + r + offset - k0 + 1) : cols
                if valid <= 0 {
                    row.update(repeating: 0, count: cols)
                    continue
                }
                let tileMax = rowMax(row, count: valid)
                let oldMax = runningMax[r]
                let newMax = max(oldMax, tileMax)
                let correction = oldMax == -.infinity ? 0 : fastExp(oldMax - newMax)
                let sum = expShiftedInPlace(row, count: valid, shift: newMax)
                if valid < cols { (row + valid).update(repeating: 0, count: cols - valid) }
                runningSum[r] = runningSum[r] * correction + sum
                runningMax[r] = newMax
                if correction != 1 { scaleRow(out + (q0 + r) * dv, count: dv, by: correction) }
            }
            // pass 3: O_b += P·V_j
            sgemm(transposeA: false, transposeB: false, m: rows, n: dv, k: cols, alpha: 1,
                  a: tile, lda: cols, b: v + k0 * dv, ldb: dv, beta: 1, c: out + q0 * dv, ldc: dv)
            k0 += cols
        }
        // finally: O ← O / l (a row that saw no key keeps its zeros)
        for r in 0..<rows where runningSum[r] > 0 {
            scaleRow(out + (q0 + r) * dv, count: dv, by: 1 / runningSum[r])
        }
        q0 += rows
    }
}

