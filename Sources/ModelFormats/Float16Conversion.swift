/// Half-precision and bfloat16 to Float32, by bit manipulation (no platform `Float16` needed).
///
/// IEEE half: 1 sign, 5 exponent (bias 15), 10 mantissa bits; subnormals, ±∞ and NaN kept.
@inline(__always)
public func float16ToFloat(_ h: UInt16) -> Float {
    let sign = UInt32(h & 0x8000) << 16
    let exp = UInt32(h >> 10) & 0x1F
    let mant = UInt32(h & 0x3FF)
    if exp == 0 {
        if mant == 0 { return Float(bitPattern: sign) }
        // Subnormal: mant · 2⁻²⁴.
        let v = Float(mant) * 0x1p-24
        return sign != 0 ? -v : v
    }
    if exp == 0x1F { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
    return Float(bitPattern: sign | ((exp + 112) << 23) | (mant << 13))
}

/// bfloat16 is the top half of a Float32.
@inline(__always)
public func bfloat16ToFloat(_ b: UInt16) -> Float {
    Float(bitPattern: UInt32(b) << 16)
}
