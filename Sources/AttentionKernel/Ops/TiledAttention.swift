import CAttentionKernels

/// Tiled attention with an online softmax (the FlashAttention idea), for one head.
///
/// Shapes: q is (T_q, d), k is (T_k, d), v is (T_k, d_v); the output is (T_q, d_v).
/// The T_q×T_k score matrix never exists: queries go in blocks of `blockQ` rows, keys in tiles of
/// `blockK`, and each query row keeps a running max m and sum l:
///   pass 1 (per tile): S = Q_b·K_jᵀ·scale                       (blockQ, blockK)   sgemm, or the
///                      C target's own micro-kernel where it has one (AVX2: K_j packed, 6×16 blocks)
///   pass 2 (per row):  m' = max(m, max_j S), c = e^(m − m'), P = e^(S − m'),
///                      l ← l·c + Σ_j P, O_b ← O_b·c                                 one fused C pass
///   pass 3 (per tile): O_b += P·V_j                              (blockQ, d_v)      sgemm
///   finally:           O_b ← O_b / l
/// With `causal`, tiles entirely above the diagonal are skipped, the tile that crosses it ends at the
/// block's last visible key, and the rest of the triangle is cut row by row. Pass 2 runs in `CAttentionKernels`, compiled for AVX-512, AVX2+FMA and baseline, the variant
/// picked at run time (`KernelISA`). The extra memory is blockQ·blockK + 2·blockQ floats plus blockK·d
/// for the packed keys, whatever T is.
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
    var scratch = [Float](repeating: 0, count: blocks.scratchFloats(headDim: q.columns))
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
    /// The best of 64–512 × 128–1024 measured by `attn bench --block-q --block-k` at T = 2048 here.
    public static let `default` = TiledAttentionBlocks(queries: 256, keys: 512)
    /// Scratch per worker: the score tile, m and l per query row, and one packed key tile.
    public func scratchFloats(headDim d: Int) -> Int {
        queries * keys + 2 * queries + attn_packed_keys_floats(keys, d)
    }
}

/// The tiled kernel on raw buffers, one head; `scratch` holds `blocks.scratchFloats(headDim: d)` floats.
func tiledAttentionHead(
    q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blocks: TiledAttentionBlocks, scratch: UnsafeMutablePointer<Float>
) {
    var q0 = 0
    while q0 < tq {
        let rows = min(blocks.queries, tq - q0)
        tiledAttentionQueryBlock(q: q, k: k, v: v, out: out, q0: q0, rows: rows, tq: tq, tk: tk, d: d, dv: dv,
                                 scale: scale, causal: causal, blockK: blocks.keys, scratch: scratch)
        q0 += rows
    }
}

/// Query rows q0..<q0+rows of one head against all keys: the unit of work the threads share.
///
/// `scratch` holds rows·blockK + 2·rows floats and a packed key tile. Only out's rows q0..<q0+rows
/// are written.
func tiledAttentionQueryBlock(
    q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    q0: Int, rows: Int, tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blockK bk: Int, scratch: UnsafeMutablePointer<Float>
) {
    let tile = scratch                          // (rows, bk) scores, then probabilities
    let runningMax = scratch + rows * bk        // (rows,)
    let runningSum = runningMax + rows          // (rows,)
    let packedKeys = runningSum + rows          // ⌈bk/16⌉ panels of (d, 16)
    let ownScores = attn_has_scores_kernel() != 0
    let offset = tk - tq                        // query i sits at key position i + offset
    let o = out + q0 * dv                       // (rows, dv)
    o.update(repeating: 0, count: rows * dv)
    runningMax.update(repeating: -.infinity, count: rows)
    runningSum.update(repeating: 0, count: rows)
    let lastPosition = q0 + rows - 1 + offset
    var k0 = 0
    while k0 < tk {
        if causal && k0 > lastPosition { break }          // this tile and all after are masked
        // causal: the block's last row sees keys up to lastPosition, so a tile reaching past it is cut
        let cols = causal ? min(bk, tk - k0, lastPosition + 1 - k0) : min(bk, tk - k0)
        // pass 1: S = Q_b·K_jᵀ·scale
        if ownScores {
            attn_pack_keys(k + k0 * d, d, cols, d, packedKeys)
            attn_scores(q + q0 * d, d, rows, packedKeys, cols, d, scale, tile, cols)
        } else {
            sgemm(transposeA: false, transposeB: true, m: rows, n: cols, k: d, alpha: scale,
                  a: q + q0 * d, lda: d, b: k + k0 * d, ldb: d, beta: 0, c: tile, ldc: cols)
        }
        // pass 2: the online softmax step; row r sees keys k0..<k0 + (q0 + r + offset − k0 + 1) when causal
        attn_softmax_tile(tile, rows, cols, q0 + offset - k0 + 1, causal ? 1 : 0,
                          runningMax, runningSum, o, dv, dv)
        // pass 3: O_b += P·V_j
        sgemm(transposeA: false, transposeB: false, m: rows, n: dv, k: cols, alpha: 1,
              a: tile, lda: cols, b: v + k0 * dv, ldb: dv, beta: 1, c: o, ldc: dv)
        k0 += cols
    }
    // finally: O ← O / l (a row that saw no key keeps its zeros)
    for r in 0..<rows where runningSum[r] > 0 {
        scaleRow(o + r * dv, count: dv, by: 1 / runningSum[r])
    }
}

/// Which compiled variant of the tiled path's inner loops runs, chosen once from the CPU.
///
/// `ATTN_KERNEL_ISA=scalar|baseline|avx2|avx512` in the environment lowers the choice; tests and
/// benchmarks use `force` to run the fallback paths on a machine that has the faster ones.
/// `baseline` is SSE2 on x86-64 (every x86-64 has it) and the same as `scalar` elsewhere.
public enum KernelISA: Int, Sendable, CaseIterable, Comparable {
    case scalar = 0, baseline = 1, avx2 = 2, avx512 = 3

    /// The best variant this CPU supports.
    public static var best: KernelISA { KernelISA(rawValue: Int(attn_isa_best().rawValue)) ?? .scalar }
    /// The variant in use now.
    public static var current: KernelISA { KernelISA(rawValue: Int(attn_isa_current().rawValue)) ?? .scalar }
    /// Uses `isa` from now on, or the best this CPU has if it lacks `isa`; returns the one in use.
    @discardableResult
    public static func force(_ isa: KernelISA) -> KernelISA {
        KernelISA(rawValue: Int(attn_isa_force(attn_isa(rawValue: UInt32(isa.rawValue))).rawValue)) ?? .scalar
    }
    public var name: String { ["scalar", "baseline", "avx2", "avx512"][rawValue] }
    public static func < (a: KernelISA, b: KernelISA) -> Bool { a.rawValue < b.rawValue }
}
