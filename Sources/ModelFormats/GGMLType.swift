/// The ggml tensor types attn reads, with their block layouts.
///
/// Blocks of 32 weights (little-endian): Q8_0 = f16 d, 32 × i8 q (x = d·q); Q4_0 = f16 d, 16 bytes
/// of nibbles (x = d·(q − 8)); Q4_1 = f16 d, f16 m, 16 bytes (x = d·q + m). Byte j's low nibble is
/// weight j, its high nibble weight j + 16.
public enum GGMLType: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case f32 = 0, f16 = 1, q4_0 = 2, q4_1 = 3, q8_0 = 8, bf16 = 30

    public var blockSize: Int {
        switch self {
        case .f32, .f16, .bf16: 1
        case .q4_0, .q4_1, .q8_0: 32
        }
    }

    public var blockBytes: Int {
        switch self {
        case .f32: 4
        case .f16, .bf16: 2
        case .q4_0: 18
        case .q4_1: 20
        case .q8_0: 34
        }
    }

    public var description: String {
        switch self {
        case .f32: "F32"
        case .f16: "F16"
        case .bf16: "BF16"
        case .q4_0: "Q4_0"
        case .q4_1: "Q4_1"
        case .q8_0: "Q8_0"
        }
    }
}

/// Dequantises `count` weights of `type` from `src` into `dst`.
public func dequantize(_ type: GGMLType, _ src: UnsafeRawBufferPointer, into dst: UnsafeMutablePointer<Float>, count: Int) throws {
    guard count % type.blockSize == 0, src.count >= count / type.blockSize * type.blockBytes, let p = src.baseAddress else {
        if count == 0 { return }
        throw ModelFileError("<tensor>", "\(src.count) bytes cannot hold \(count) weights of \(type)")
    }
    @inline(__always) func u16(_ o: Int) -> UInt16 { UInt16(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt16.self)) }
    switch type {
    case .f32:
        for i in 0..<count { dst[i] = Float(bitPattern: UInt32(littleEndian: p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
    case .f16:
        for i in 0..<count { dst[i] = float16ToFloat(u16(2 * i)) }
    case .bf16:
        for i in 0..<count { dst[i] = bfloat16ToFloat(u16(2 * i)) }
    case .q8_0:
        for b in 0..<(count / 32) {
            let o = b * 34
            let d = float16ToFloat(u16(o))
            for j in 0..<32 { dst[b * 32 + j] = d * Float(Int8(bitPattern: p.load(fromByteOffset: o + 2 + j, as: UInt8.self))) }
        }
    case .q4_0:
        for b in 0..<(count / 32) {
            let o = b * 18
            let d = float16ToFloat(u16(o))
            for j in 0..<16 {
                let q = p.load(fromByteOffset: o + 2 + j, as: UInt8.self)
                dst[b * 32 + j] = d * Float(Int(q & 0xF) - 8)
                dst[b * 32 + j + 16] = d * Float(Int(q >> 4) - 8)
            }
        }
    case .q4_1:
        for b in 0..<(count / 32) {
            let o = b * 20
            let d = float16ToFloat(u16(o)), m = float16ToFloat(u16(o + 2))
            for j in 0..<16 {
                let q = p.load(fromByteOffset: o + 4 + j, as: UInt8.self)
                dst[b * 32 + j] = d * Float(q & 0xF) + m
                dst[b * 32 + j + 16] = d * Float(q >> 4) + m
            }
        }
    }
}
