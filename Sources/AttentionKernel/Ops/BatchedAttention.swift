import CAttentionKernels
import Dispatch
import Foundation

/// How a batch of heads is computed.
public enum AttentionPath: String, Sendable, CaseIterable {
    /// Loops only, no BLAS: the reference.
    case naive
    /// Materialises each head's T_q×T_k matrix: sgemm, softmax rows, sgemm.
    case blas
    /// Tiles with an online softmax; never holds the T_q×T_k matrix; skips masked tiles.
    case tiled
}

/// Attention for H independent heads, the shape `attn bench` measures.
///
/// Shapes: q is (H, T_q, d), k is (H, T_k, d), v is (H, T_k, d_v); the output is (H, T_q, d_v).
/// Work is split across `threads` workers, each with its own scratch buffer (the BLAS path calls
/// single-threaded sgemm). The naive and BLAS paths deal out whole heads. The tiled path deals out
/// (head, query block) pairs from a shared counter, head by head, and under a causal mask each
/// head's blocks from the costliest down: the last query block of a head sees every key tile and
/// the first sees one, so the short ones at the end keep both workers busy to the end.
public func attentionHeads(
    q: Tensor, k: Tensor, v: Tensor, causal: Bool, path: AttentionPath, threads: Int = 1,
    scale: Float? = nil, blocks: TiledAttentionBlocks = .default
) throws -> Tensor {
    let op = "attentionHeads"
    for (name, t) in [("q", q), ("k", k), ("v", v)] { try t.require(rank: 3, name, in: op) }
    let h = q.shape[0], tq = q.shape[1], d = q.shape[2], tk = k.shape[1], dv = v.shape[2]
    guard k.shape[0] == h, v.shape[0] == h else {
        throw KernelError(op, "q \(formatShape(q.shape)), k \(formatShape(k.shape)) and v \(formatShape(v.shape)) need the same number of heads")
    }
    guard k.shape[2] == d, v.shape[1] == tk, tq > 0, tk > 0, d > 0 else {
        throw KernelError(op, "shapes do not fit: q \(formatShape(q.shape)), k \(formatShape(k.shape)), v \(formatShape(v.shape))")
    }
    guard threads >= 1 else { throw KernelError(op, "threads must be ≥ 1, got \(threads)") }
    if path != .tiled {                       // the tiled path checks while it packs, on every worker
        try q.requireFinite("q", in: op)
        try k.requireFinite("k", in: op)
        try v.requireFinite("v", in: op)
    }
    let s = scale ?? 1 / Float(d).squareRoot()
    // the tiled path writes every row of its output (each query block zeroes its rows first), so
    // its output skips the zero fill; the others start from zeros
    var out = path == .tiled ? Tensor(uninitializedShape: [h, tq, dv]) : Tensor.zeros([h, tq, dv])
    var nonFinite: (input: Int, index: Int)?      // input 0, 1, 2: q, k, v
    let scratchFloats = attentionScratchBytes(path: path, queries: tq, keys: tk, headDim: d, blocks: blocks) / MemoryLayout<Float>.size
    let workers = min(threads, h)
    setBLASThreads(1)
    q.scalars.withUnsafeBufferPointer { pq in
        k.scalars.withUnsafeBufferPointer { pk in
            v.scalars.withUnsafeBufferPointer { pv in
                out.scalars.withUnsafeMutableBufferPointer { po in
                    let buffers = SendablePointers(q: pq.baseAddress!, k: pk.baseAddress!, v: pv.baseAddress!, out: po.baseAddress!)
                    if path == .tiled {
                        nonFinite = tiledAttentionHeads(buffers, h: h, tq: tq, tk: tk, d: d, dv: dv, scale: s, causal: causal,
                                                        blocks: blocks, threads: threads, scratchFloats: scratchFloats)
                        return
                    }
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchFloats)
                        defer { scratch.deallocate() }
                        for head in stride(from: worker, to: h, by: workers) {
                            let qh = buffers.q + head * tq * d, kh = buffers.k + head * tk * d
                            let vh = buffers.v + head * tk * dv, oh = buffers.out + head * tq * dv
                            switch path {
                            case .naive:
                                naiveAttentionHead(q: qh, k: kh, v: vh, out: oh, tq: tq, tk: tk, d: d, dv: dv, scale: s, causal: causal, scratch: scratch)
                            case .blas:
                                blasAttentionHead(q: qh, k: kh, v: vh, out: oh, tq: tq, tk: tk, d: d, dv: dv, scale: s, causal: causal, scratch: scratch)
                            case .tiled:
                                break                                  // dealt out by blocks above
                            }
                        }
                    }
                }
            }
        }
    }
    if let (input, index) = nonFinite {
        throw [q, k, v][input].nonFinite(at: index, ["q", "k", "v"][input], in: op)
    }
    return out
}

/// Extra memory a path needs per worker, in bytes, beyond inputs and output. The tiled path also
/// packs each head's keys once, shared by its workers: `TiledAttentionBlocks.packedKeyFloats`, the
/// size of K rounded up to a panel.
public func attentionScratchBytes(
    path: AttentionPath, queries tq: Int, keys tk: Int, headDim d: Int = 64, blocks: TiledAttentionBlocks = .default
) -> Int {
    switch path {
    case .naive: return tk * 4
    case .blas: return tq * tk * 4
    case .tiled: return blocks.scratchFloats(headDim: d) * 4
    }
}

/// The tiled path over H heads: each head's keys are packed once (the workers share the heads),
/// then workers take (head, query block) items from a shared counter. The inputs are checked for
/// non-finite values head by head in the packing pass, so the check runs on every worker too; it
/// returns the first non-finite input in q, k, v order (as requireFinite on each would find it), and
/// then computes nothing.
///
/// Items go head by head, so that a head's blocks run together and share its packed K and its V
/// in cache (interleaving heads made causal attention 30 % slower on one thread). Full attention:
/// item i is block i % B of head i / B (all cost the same). Causal: item i is block B − 1 − i % B
/// of head i / B, each head's blocks from the one that sees the most keys down to the one that sees
/// the fewest, so the last items, the cheapest, even out the workers at the end; and blocks are
/// laid from the last query back, so that the short block (T_q not a multiple of the block) is the
/// first, the cheapest, rather than the last, which sees every key.
private func tiledAttentionHeads(
    _ buffers: SendablePointers, h: Int, tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool,
    blocks: TiledAttentionBlocks, threads: Int, scratchFloats: Int
) -> (input: Int, index: Int)? {
    let perHead = (tq + blocks.queries - 1) / blocks.queries          // B, query blocks per head
    let items = h * perHead
    let workers = min(threads, items)
    let packedPerHead = TiledAttentionBlocks.packedKeyFloats(keys: tk, headDim: d)
    let packed = SendableFloats(count: h * packedPerHead)
    defer { packed.pointer.deallocate() }
    // per head, the first non-finite index in its q, k and v (−1: none); each worker writes its heads'
    let found = SendableInts(count: 3 * h)
    defer { found.pointer.deallocate() }
    let sizes = [tq * d, tk * d, tk * dv]                              // one head of q, k, v
    DispatchQueue.concurrentPerform(iterations: min(threads, h)) { worker in
        for head in stride(from: worker, to: h, by: min(threads, h)) {
            for (input, base) in [buffers.q, buffers.k, buffers.v].enumerated() {
                found.pointer[3 * head + input] = attn_first_non_finite(base + head * sizes[input], sizes[input])
            }
            attn_pack_keys(buffers.k + head * tk * d, d, tk, d, packed.pointer + head * packedPerHead)
        }
    }
    // the smallest head with a bad value in the first bad input holds its first flat index
    for (input, size) in sizes.enumerated() {
        if let head = (0..<h).first(where: { found.pointer[3 * $0 + input] >= 0 }) {
            return (input, head * size + found.pointer[3 * head + input])
        }
    }
    let counter = SendableCounter()
    defer { counter.pointer.deallocate() }
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: scratchFloats)
        defer { scratch.deallocate() }
        while true {
            let i = attn_next_work_item(counter.pointer)
            if i >= items { break }
            let (head, block) = (i / perHead, causal ? perHead - 1 - i % perHead : i % perHead)
            let end = causal ? tq - (perHead - 1 - block) * blocks.queries : min(tq, (block + 1) * blocks.queries)
            let q0 = causal ? max(0, end - blocks.queries) : block * blocks.queries
            tiledAttentionQueryBlock(
                q: buffers.q + head * tq * d, packedKeys: packed.pointer + head * packedPerHead,
                v: buffers.v + head * tk * dv, out: buffers.out + head * tq * dv, q0: q0,
                rows: end - q0, tq: tq, tk: tk, d: d, dv: dv, scale: scale, causal: causal,
                blockK: blocks.keyTile, scratch: scratch)
        }
    }
    return nil
}

/// A buffer the workers share; each writes only its own part.
private struct SendableFloats: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    init(count: Int) { pointer = UnsafeMutablePointer<Float>.allocate(capacity: count) }
}

/// The same for integers.
private struct SendableInts: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int>
    init(count: Int) { pointer = UnsafeMutablePointer<Int>.allocate(capacity: count) }
}

/// The work counter the tiled path's workers share (only touched through attn_next_work_item).
private struct SendableCounter: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        return p
    }()
}

/// Raw buffers shared by the workers; each worker writes only its own heads' output.
private struct SendablePointers: @unchecked Sendable {
    let q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>
    let out: UnsafeMutablePointer<Float>
}

/// One head, materialised: S = Q·Kᵀ·scale (T_q, T_k) → softmax rows → O = P·V (T_q, d_v).
func blasAttentionHead(
    q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool, scratch: UnsafeMutablePointer<Float>
) {
    sgemm(transposeA: false, transposeB: true, m: tq, n: tk, k: d, alpha: scale,
          a: q, lda: d, b: k, ldb: d, beta: 0, c: scratch, ldc: tk)
    let offset = tk - tq
    for i in 0..<tq {
        let row = scratch + i * tk
        // causal: keys j > p_i get exactly 0 weight, so only the first p_i + 1 take part
        let valid = causal ? max(0, min(tk, i + offset + 1)) : tk
        if valid > 0 { _ = softmaxRowInPlace(row, count: valid) }
        if valid < tk { (row + valid).update(repeating: 0, count: tk - valid) }
    }
    sgemm(transposeA: false, transposeB: false, m: tq, n: dv, k: tk, alpha: 1,
          a: scratch, lda: tk, b: v, ldb: dv, beta: 0, c: out, ldc: dv)
}

/// One head with loops only: for each query, scores, softmax, weighted sum of values.
func naiveAttentionHead(
    q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>,
    tq: Int, tk: Int, d: Int, dv: Int, scale: Float, causal: Bool, scratch: UnsafeMutablePointer<Float>
) {
    let offset = tk - tq
    for i in 0..<tq {
        let valid = causal ? max(0, min(tk, i + offset + 1)) : tk
        let o = out + i * dv
        o.update(repeating: 0, count: dv)
        guard valid > 0 else { continue }
        var m = -Float.infinity
        for j in 0..<valid {
            var dot: Float = 0
            for c in 0..<d { dot += q[i * d + c] * k[j * d + c] }
            scratch[j] = dot * scale
            m = max(m, scratch[j])
        }
        var sum: Float = 0
        for j in 0..<valid {
            scratch[j] = exp(scratch[j] - m)
            sum += scratch[j]
        }
        for j in 0..<valid {
            let w = scratch[j] / sum
            for c in 0..<dv { o[c] += w * v[j * dv + c] }
        }
    }
}
