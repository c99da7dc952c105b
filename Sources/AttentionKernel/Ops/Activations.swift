import Foundation

/// Which form of GELU to compute.
public enum GELUApproximation: String, Sendable, CaseIterable {
    /// The exact form, x·Φ(x) = ½·x·(1 + erf(x/√2)) (Hendrycks & Gimpel 2016; BERT, PyTorch's default).
    case erf
    /// The tanh form, ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) (GPT-2; PyTorch's `approximate="tanh"`).
    case tanh
}

/// GELU, elementwise: x·Φ(x), Φ the standard normal CDF, in its erf or tanh form.
///
/// Shapes: any; same shape out. Computed in Double from forms that avoid 1 + (−1 + tiny): the erf
/// form as ½·x·erfc(−x/√2), the tanh form as x·σ(2u) (since 1 + tanh u = 2σ(2u)), so large negative
/// inputs keep their small negative outputs instead of rounding to 0 too early. −∞ gives 0, the limit.
public func gelu(_ x: Tensor, approximation: GELUApproximation = .erf) -> Tensor {
    switch approximation {
    case .erf:
        return x.map { v in
            if v == -.infinity { return 0 }
            let d = Double(v)
            return Float(0.5 * d * erfc(-d / 2.0.squareRoot()))
        }
    case .tanh:
        let c = (2 / Double.pi).squareRoot()
        return x.map { v in
            if v == -.infinity { return 0 }
            let d = Double(v)
            let u = c * (d + 0.044715 * d * d * d)
            return Float(d * stableSigmoid(2 * u))
        }
    }
}

/// ReLU, elementwise: max(0, x). Shapes: any; same shape out. NaN stays NaN, as in PyTorch.
public func relu(_ x: Tensor) -> Tensor {
    x.map { $0.isNaN ? $0 : ($0 > 0 ? $0 : 0) }
}

/// SiLU (swish), elementwise: x·σ(x) = x/(1 + e^(−x)).
///
/// Shapes: any; same shape out. SiLU(0) = 0; −∞ gives 0, the limit. Computed in Double.
public func silu(_ x: Tensor) -> Tensor {
    x.map { v in
        if v == -.infinity { return 0 }
        let d = Double(v)
        return Float(d * stableSigmoid(d))
    }
}

/// The activations an FFN can use, by the names lessons and `attn eval` write.
public enum Activation: String, Sendable, CaseIterable {
    case relu
    /// GELU, erf form.
    case gelu
    /// GELU, tanh form (GPT-2).
    case geluTanh
    case silu
}

/// Applies `activation` elementwise. Shapes: any; same shape out.
public func activate(_ x: Tensor, _ activation: Activation) -> Tensor {
    switch activation {
    case .relu: return relu(x)
    case .gelu: return gelu(x, approximation: .erf)
    case .geluTanh: return gelu(x, approximation: .tanh)
    case .silu: return silu(x)
    }
}

/// σ(z) = 1/(1 + e^(−z)) without overflow: for z < 0 it is written e^z/(1 + e^z).
@inline(__always)
func stableSigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}
