import AttentionKernel
import COpenBLAS
import Foundation

// Small helpers the model forward passes need and the kernel does not have (yet): they stay in this
// target so they do not collide with the kernel's own Linear/Activations ops being written now.

/// y = x·Wᵀ + b. Shapes: x (T, in), W (out, in) as PyTorch stores it, b (out,); y (T, out).
///
/// One row (a generation step) goes through sgemv, which OpenBLAS 0.3.21 does not pick for an
/// M = 1 sgemm by itself.
func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor? = nil) throws -> Tensor {
    var y: Tensor
    if x.rows == 1 && x.rank == 2 {
        guard x.columns == w.columns else { throw ModelError("linear: x \(x.shape) does not fit W \(w.shape)") }
        var out = [Float](repeating: 0, count: w.rows)
        x.scalars.withUnsafeBufferPointer { px in
            w.scalars.withUnsafeBufferPointer { pw in
                out.withUnsafeMutableBufferPointer { po in
                    cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(w.rows), Int32(w.columns), 1, pw.baseAddress!, Int32(w.columns),
                                px.baseAddress!, 1, 0, po.baseAddress!, 1)
                }
            }
        }
        y = try Tensor(shape: [1, w.rows], scalars: out)
    } else {
        y = try matmul(x, w, transposeB: true)                          // (T, out)
    }
    if let b {
        let n = y.columns
        y.scalars.withUnsafeMutableBufferPointer { p in
            for r in 0..<(p.count / n) { for j in 0..<n { p[r * n + j] += b.scalars[j] } }
        }
    }
    return y
}

/// Exact GELU: x·Φ(x) = x/2·(1 + erf(x/√2)), as BERT's "gelu" is.
func geluErf(_ x: Tensor) -> Tensor { x.map { Float(0.5 * Double($0) * (1 + erf(Double($0) / 2.0.squareRoot()))) } }

/// SiLU (swish): x·σ(x).
func silu(_ x: Float) -> Float { x / (1 + exp(-x)) }

func added(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard a.shape == b.shape else { throw ModelError("add: shapes \(a.shape) and \(b.shape) differ") }
    var y = a
    for i in 0..<y.count { y.scalars[i] += b.scalars[i] }
    return y
}

/// Rows `ids` of an embedding table (V, d) → (T, d).
func embeddingRows(_ table: Tensor, _ ids: [Int]) throws -> Tensor {
    let d = table.columns
    var out = [Float]()
    out.reserveCapacity(ids.count * d)
    for id in ids {
        guard id >= 0, id < table.rows else { throw ModelError("token id \(id) is outside the vocabulary of \(table.rows)") }
        out.append(contentsOf: table.scalars[(id * d)..<((id + 1) * d)])
    }
    return try Tensor(shape: [ids.count, d], scalars: out)
}

/// Columns [h·d, (h+1)·d) of x (T, H·d): head h's slice, (T, d).
func headSlice(_ x: Tensor, head h: Int, dim d: Int) -> Tensor {
    let t = x.rows, w = x.columns
    var out = [Float](repeating: 0, count: t * d)
    for r in 0..<t { for j in 0..<d { out[r * d + j] = x.scalars[r * w + h * d + j] } }
    return try! Tensor(shape: [t, d], scalars: out)
}

/// Writes head h's (T, d) into columns [h·d, (h+1)·d) of x (T, H·d).
func setHeadSlice(_ x: inout Tensor, _ part: Tensor, head h: Int) {
    let t = x.rows, w = x.columns, d = part.columns
    for r in 0..<t { for j in 0..<d { x.scalars[r * w + h * d + j] = part.scalars[r * d + j] } }
}
