import CAttentionKernels
import COpenBLAS
import Foundation

/// Matrix product C = op(A)·op(B) on OpenBLAS `cblas_sgemm`.
///
/// Shapes: A is (M, K) — or (K, M) with `transposeA` — and B is (K, N) — or (N, K) with
/// `transposeB`; C is (M, N). `alpha` scales the product (attention passes 1/√d_k here so the
/// scaling costs nothing).
public func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1) throws -> Tensor {
    let (m, k, n) = try matmulShape(a, b, transposeA: transposeA, transposeB: transposeB)
    var c = Tensor.zeros([m, n])
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    a.scalars.withUnsafeBufferPointer { pa in
        b.scalars.withUnsafeBufferPointer { pb in
            c.scalars.withUnsafeMutableBufferPointer { pc in
                sgemm(
                    transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                    a: pa.baseAddress!, lda: a.columns, b: pb.baseAddress!, ldb: b.columns,
                    beta: 0, c: pc.baseAddress!, ldc: n)
            }
        }
    }
    return c
}

/// The naive reference for `matmul`: three loops, accumulated in Double.
public func matmulNaive(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false, alpha: Float = 1) throws -> Tensor {
    let (m, k, n) = try matmulShape(a, b, transposeA: transposeA, transposeB: transposeB)
    var c = Tensor.zeros([m, n])
    for i in 0..<m {
        for j in 0..<n {
            var sum = 0.0
            for p in 0..<k {
                let x = transposeA ? a.scalars[p * a.columns + i] : a.scalars[i * a.columns + p]
                let y = transposeB ? b.scalars[j * b.columns + p] : b.scalars[p * b.columns + j]
                sum += Double(x) * Double(y)
            }
            c.scalars[i * n + j] = alpha * Float(sum)
        }
    }
    return c
}

/// (M, K, N) for op(A)·op(B), or a KernelError naming both shapes.
func matmulShape(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) throws -> (Int, Int, Int) {
    guard a.rank == 2, b.rank == 2 else {
        throw KernelError("matmul", "needs two matrices, got A \(formatShape(a.shape)) and B \(formatShape(b.shape))")
    }
    let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
    let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
    guard ka == kb else {
        let opA = transposeA ? "Aᵀ" : "A", opB = transposeB ? "Bᵀ" : "B"
        throw KernelError("matmul", "inner dimensions differ: \(opA) is \(m)×\(ka) from A \(formatShape(a.shape)), \(opB) is \(kb)×\(n) from B \(formatShape(b.shape))")
    }
    return (m, ka, n)
}

/// Thin wrapper over `cblas_sgemm` in row-major order: C = alpha·op(A)·op(B) + beta·C.
@inline(__always)
func sgemm(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
    a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
    beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
) {
    cblas_sgemm(
        CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

/// Sets how many threads OpenBLAS uses for one call.
///
/// The attention paths parallelise over heads themselves and call sgemm single-threaded, because
/// two thread pools spinning on the same cores are slower than one (../shared/GUIDE.md §5).
public func setBLASThreads(_ n: Int) {
    openblas_set_num_threads(Int32(max(1, n)))
}

/// The OpenBLAS core in use for this CPU, e.g. "SkylakeX" — OpenBLAS's own pick, or attn's where
/// OpenBLAS did not recognise the CPU (`blasCoreDetected` then names OpenBLAS's pick).
public var blasCoreName: String {
    guard let name = openblas_get_corename() else { return "unknown" }
    return String(cString: name)
}

/// The core OpenBLAS picked by itself when attn replaced it at load (its generic "Prescott" on a CPU
/// too new for it, see CAttentionKernels/blas_core.c); nil when OpenBLAS's own pick stands.
public var blasCoreDetected: String? {
    attn_blas_core_replaced().map { String(cString: $0) }
}

/// "SkylakeX", "SkylakeX (chosen by attn; OpenBLAS took this CPU for Prescott)", or
/// "Haswell (chosen by OPENBLAS_CORETYPE)" when the environment chose it: then the sgemm ceiling is
/// that core's, which may be below the CPU's best.
public var blasCoreDescription: String {
    if let detected = blasCoreDetected {
        return "\(blasCoreName) (chosen by attn; OpenBLAS took this CPU for \(detected))"
    }
    if !(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "").isEmpty {
        return "\(blasCoreName) (chosen by OPENBLAS_CORETYPE)"
    }
    return blasCoreName
}
