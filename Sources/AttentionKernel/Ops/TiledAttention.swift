import CAttentionKernels

/// Tiled attention with an online softmax (the FlashAttention idea), for one head.
///
/// Shapes: q is (T_q, d), k is (T_k, d), v is (T_k, d_v); the output is (T_q, d_v).
/// The T_q×T_k score matrix never exists: queries go in blocks of `blockQ` rows, keys in tiles of
/// `blockK` (rounded up to a multiple of 32, the key panel), and each query row keeps a running max m
/// and sum l:
///   once per head:     K packed into panels of Kᵀ                                  (T_k, d)
///   once per block:    Q_b packed into blocks of the products' register rows       (blockQ, d)
///   pass 1 (per tile): S₂ = Q_b·K_jᵀ·scale·log₂e                (blockQ, blockK)
///   pass 2 (per row):  m' = max(m, max_j S₂), c = 2^(m − m'), P = 2^(S₂ − m') = e^(S − m'·ln2),
///                      l ← l·c + Σ_j P, O_b ← O_b·c                                 one fused pass
///   pass 3 (per tile): O_b += P·V_j                              (blockQ, d_v)
///   finally:           O_b ← O_b / l
/// Tiles that no mask reaches into, after the first, run passes 1 and 2 as one (attn_scores_softmax):
/// P = 2^(S₂ − m) against each row's max so far, not raised by the tile (so S is never stored and
/// O, l need no rescaling; O/l is the same for any m they share), and any block of rows whose scores
/// rise more than 8 above that max is redone with the max raised, which keeps every P ≤ 2⁸. The
/// first tile is one panel of keys (32) done the exact way, which sets every row's max to start from.
/// All three passes are the C target's (`CAttentionKernels`), compiled for AVX-512, AVX2+FMA, SSE2
/// and plain C, the variant picked at run time (`KernelISA`); the products keep blocks of S and O in
/// registers (see tile_products.inc). With `causal`, tiles entirely above the diagonal are skipped,
/// the tile that crosses it ends at the block's last visible key, and within it the products skip
/// the register blocks the mask hides. The extra memory is the packed keys (T_k·d floats, rounded up
/// to a panel) and blockQ·(blockK + 2 + d) floats per worker, whatever T is.
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
    var packed = [Float](repeating: 0, count: TiledAttentionBlocks.packedKeyFloats(keys: k.rows, headDim: k.columns))
    q.scalars.withUnsafeBufferPointer { pq in
        k.scalars.withUnsafeBufferPointer { pk in
            v.scalars.withUnsafeBufferPointer { pv in
                out.scalars.withUnsafeMutableBufferPointer { po in
                    scratch.withUnsafeMutableBufferPointer { ps in
                        packed.withUnsafeMutableBufferPointer { pp in
                            attn_pack_keys(pk.baseAddress!, k.columns, k.rows, k.columns, pp.baseAddress!)
                            tiledAttentionHead(
                                q: pq.baseAddress!, packedKeys: pp.baseAddress!, v: pv.baseAddress!, out: po.baseAddress!,
                                tq: q.rows, tk: k.rows, d: q.columns, dv: v.columns, scale: s, causal: causal,
                                blocks: blocks, scratch: ps.baseAddress!)
                        }
                    }
                }
            }
        }
    }
    return out
}

/// Tile sizes of the tiled path.
public struct TiledAttentionBlocks: Sendable, Equatable {
    /// Query rows per block.
    public var queries: Int
    /// Keys per tile as asked for; the kernel uses `keyTile`.
    public var keys: Int
    public init(queries: Int, keys: Int) {
        self.queries = queries
        self.keys = keys
    }
    /// 120 query rows (a multiple of both products' register rows, 12 and 6) keep a block's packed
    /// queries (30 KiB at d = 64) in a 48 KiB L1 beside one key panel; 256 keys keep the score tile
    /// (120 KiB) and a tile of V in L2. Chosen for that fit: `attn bench --block-q --block-k` over
    /// 96–256 × 256–512 at T = 2048 and 4096 found no difference above the machine's noise.
    public static let `default` = TiledAttentionBlocks(queries: 120, keys: 256)
    /// Keys per tile, `keys` rounded up to a multiple of the key panel (32), so that every tile
    /// starts on a panel of the packed keys.
    public var keyTile: Int { (keys + Int(ATTN_KEY_PANEL) - 1) / Int(ATTN_KEY_PANEL) * Int(ATTN_KEY_PANEL) }
    /// Scratch per worker: the score tile, m and l per query row, the block's packed queries and the
    /// fused passes' work (attn_scores_softmax).
    public func scratchFloats(headDim d: Int) -> Int {
        queries * keyTile + 2 * queries + queries * d + attn_scores_softmax_work_floats(queries)
    }
    /// The packed keys of one head (attn_pack_keys), shared by all its query blocks.
    public static func packedKeyFloats(keys: Int, headDim d: Int) -> Int { attn_packed_keys_floats(keys, d) }
}

/// The tiled kernel on raw buffers, one head, its keys packed by attn_pack_keys; `scratch` holds
/// `blocks.scratchFloats(headDim: d)` floats.
func tiledAttentionHead(
    q: UnsafePointer<Float>, packedKeys: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blocks: TiledAttentionBlocks, scratch: UnsafeMutablePointer<Float>
) {
    var q0 = 0
    while q0 < tq {
        let rows = min(blocks.queries, tq - q0)
        tiledAttentionQueryBlock(q: q, packedKeys: packedKeys, v: v, out: out, q0: q0, rows: rows, tq: tq, tk: tk,
                                 d: d, dv: dv, scale: scale, causal: causal, blockK: blocks.keyTile, scratch: scratch)
        q0 += rows
    }
}

/// Query rows q0..<q0+rows of one head against all keys: the unit of work the threads share.
///
/// `packedKeys` are the head's keys from attn_pack_keys; `blockK` is a multiple of ATTN_KEY_PANEL.
/// `scratch` holds `TiledAttentionBlocks.scratchFloats` for `rows` query rows. Only out's rows
/// q0..<q0+rows are written.
func tiledAttentionQueryBlock(
    q: UnsafePointer<Float>, packedKeys: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    q0: Int, rows: Int, tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blockK bk: Int, scratch: UnsafeMutablePointer<Float>
) {
    let tile = scratch                          // (rows, bk) scores, then probabilities
    let runningMax = scratch + rows * bk        // (rows,), in base-2 units
    let runningSum = runningMax + rows          // (rows,)
    let packedQueries = runningSum + rows       // (rows, d) in the order attn_scores reads
    let work = packedQueries + rows * d         // attn_scores_softmax_work_floats(rows)
    let offset = tk - tq                        // query i sits at key position i + offset
    let o = out + q0 * dv                       // (rows, dv)
    let masked: Int32 = causal ? 1 : 0
    // the softmax step works in base 2: scores come scaled by log₂e, so 2^(S₂ − m) = e^(S − m·ln2)
    let scale2 = scale * 1.442_695_04   // log₂e
    attn_pack_queries(q + q0 * d, d, rows, d, packedQueries)
    o.update(repeating: 0, count: rows * dv)
    runningMax.update(repeating: -.infinity, count: rows)
    runningSum.update(repeating: 0, count: rows)
    let lastPosition = q0 + rows - 1 + offset
    let panel = Int(ATTN_KEY_PANEL)
    var k0 = 0
    while k0 < tk {
        if causal && k0 > lastPosition { break }          // this tile and all after are masked
        // causal: the block's last row sees keys up to lastPosition, so a tile reaching past it is cut
        var cols = causal ? min(bk, tk - k0, lastPosition + 1 - k0) : min(bk, tk - k0)
        // row r sees keys k0..<k0 + firstValid + r when causal
        let firstValid = q0 + offset - k0 + 1
        let unmasked = !causal || firstValid >= cols    // every row sees every key of the tile
        // the first panel of keys alone: it sets each row's max, which the fused passes then start from
        if k0 == 0 && unmasked && cols > panel { cols = panel }
        if k0 > 0 && unmasked && cols % panel == 0 {
            // passes 1 and 2 in one, the max lazy: P = 2^(S₂ − m) against each row's max so far
            attn_scores_softmax(packedQueries, rows, packedKeys + k0 * d, cols, d, scale2,
                                runningMax, runningSum, tile, o, dv, dv, work)
        } else {
            // pass 1: S = Q_b·K_jᵀ·scale (k0 is a multiple of the panel, so its keys start a panel)
            attn_scores(packedQueries, rows, packedKeys + k0 * d, cols, d, scale2, firstValid, masked, tile, cols)
            // pass 2: the online softmax step
            attn_softmax_tile(tile, rows, cols, firstValid, masked, runningMax, runningSum, o, dv, dv)
        }
        // pass 3: O_b += P·V_j
        attn_pv(tile, cols, rows, cols, firstValid, masked, v + k0 * dv, dv, dv, o, dv)
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
