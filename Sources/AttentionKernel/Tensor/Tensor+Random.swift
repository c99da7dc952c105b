import Foundation

/// Seeded random tensors, reproducible across machines for a given seed.
extension Tensor {
    /// Uniform samples in [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        var t = Tensor.zeros(shape)
        for i in 0..<t.count {
            t.scalars[i] = Float(Double(low) + Double(high - low) * rng.nextUnit())
        }
        return t
    }

    /// Normal samples with the given mean and standard deviation (Box–Muller, computed in Double).
    ///
    /// Each pair of uniforms gives two normals: r·cos(2πu₂) then r·sin(2πu₂), r = √(−2 ln(1 − u₁)).
    public static func normal(_ shape: [Int], mean: Float = 0, std: Float = 1, seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        var t = Tensor.zeros(shape)
        var i = 0
        while i < t.count {
            let u1 = rng.nextUnit()
            let u2 = rng.nextUnit()
            let r = (-2 * log(1 - u1)).squareRoot()
            t.scalars[i] = Float(Double(mean) + Double(std) * r * cos(2 * Double.pi * u2))
            if i + 1 < t.count {
                t.scalars[i + 1] = Float(Double(mean) + Double(std) * r * sin(2 * Double.pi * u2))
            }
            i += 2
        }
        return t
    }
}
