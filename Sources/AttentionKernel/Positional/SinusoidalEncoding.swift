import Foundation

/// Sinusoidal positional encoding (Vaswani et al., 2017).
///
/// PE(t, 2i) = sin(t / 10000^(2i/d)),  PE(t, 2i+1) = cos(t / 10000^(2i/d)).
/// Shape: (T, d). An odd d ends with a sine column.
public func sinusoidalEncoding(length: Int, dim: Int, base: Double = 10000) throws -> Tensor {
    guard length >= 1, dim >= 1 else {
        throw KernelError("sinusoidalEncoding", "needs length ≥ 1 and dim ≥ 1, got length \(length), dim \(dim)")
    }
    guard base.isFinite, base > 1 else { throw KernelError("sinusoidalEncoding", "base must be > 1, got \(base)") }
    var pe = Tensor.zeros([length, dim])
    for t in 0..<length {
        for c in 0..<dim {
            let i2 = Double(c - c % 2)                      // 2i
            let angle = Double(t) / pow(base, i2 / Double(dim))
            pe[t, c] = Float(c % 2 == 0 ? sin(angle) : cos(angle))
        }
    }
    return pe
}
