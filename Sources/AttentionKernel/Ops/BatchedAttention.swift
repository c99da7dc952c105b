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
/// Heads are split across `threads` workers, each calling single-threaded sgemm with its own
/// scratch buffer.
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
    try q.requireFinite("q", in: op)
    try k.requireFinite("k", in: op)
    try v.requireFinite("v", in: op)
    let s = scale ?? 1 / Float(d).squareRoot()
    var out = Tensor.zeros([h, tq, dv])
    let scratchFloats = attentionScratchBytes(path: path, queries: tq, keys: tk, blocks: blocks) / MemoryLayout<Float>.size
    let workers = min(threads, h)
    setBLASThreads(1)
    q.scalars.withUnsafeBufferPointer { pq in
        k.scalars.withUnsafeBufferPointer { pk in
            v.scalars.withUnsafeBufferPointer { pv in
                out.scalars.withUnsafeMutableBufferPointer { po in
                    let buffers = SendablePointers(q: pq.baseAddress!, k: pk.baseAddress!, v: pv.baseAddress!, out: po.baseAddress!)
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
                                tiledAttentionHead(q: qh, k: kh, v: vh, out: oh, tq: tq, tk: tk, d: d, dv: dv, scale: s, causal: causal, blocks: blocks, scratch: scratch)
                            }
                        }
                    }
                }
            }
        }
    }
    return out
}

/// Extra memory a path needs per worker, in bytes, beyond inputs and output.
public func attentionScratchBytes(path: AttentionPath, queries tq: Int, keys tk: Int, blocks: TiledAttentionBlocks = .default) -> Int {
    switch path {
    case .naive: return tk * 4
    case .blas: return tq * tk * 4
    case .tiled: return blocks.scratchFloats * 4
    }
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
