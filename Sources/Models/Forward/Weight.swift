import AttentionKernel
import CQuantKernels
import ModelFormats

/// A weight matrix W (out, in): Float32, or ggml blocks left quantised in the memory-mapped file.
///
/// Decoding reads every weight once per token, so Q4_1 (0.625 bytes per weight) is about six
/// times less memory traffic than Float32; the C kernel dequantises each block exactly as the
/// reader does and dots it in Float32.
enum Weight: @unchecked Sendable {
    case dense(Tensor)
    case quantized(type: GGMLType, base: UnsafeRawPointer, rows: Int, cols: Int, file: GGUFFile)

    var rows: Int {
        switch self {
        case .dense(let t): t.rows
        case .quantized(_, _, let r, _, _): r
        }
    }

    var cols: Int {
        switch self {
        case .dense(let t): t.columns
        case .quantized(_, _, _, let c, _): c
        }
    }

    /// Reads tensor `name` of the expected row-major shape (out, in), quantised when it is Q4_1 or Q8_0.
    static func load(_ g: GGUFFile, _ name: String, _ shape: [Int], keepQuantized: Bool) throws -> Weight {
        let info = try g.info(name)
        guard info.shape == shape else { throw ModelFileError(g.path, "tensor \(name) is \(info.shape), expected \(shape)") }
        if keepQuantized, shape.count == 2, info.type == .q4_1 || info.type == .q8_0 {
            return .quantized(type: info.type, base: g.file.base + info.offset, rows: shape[0], cols: shape[1], file: g)
        }
        return .dense(try Tensor(shape: shape, scalars: g.floats(name)))
    }

    /// Row `i` as Float32 (an embedding lookup).
    func row(_ i: Int) throws -> [Float] {
        switch self {
        case .dense(let t):
            return Array(t.scalars[(i * t.columns)..<((i + 1) * t.columns)])
        case .quantized(let type, let base, _, let cols, _):
            let bytes = cols / type.blockSize * type.blockBytes
            return try [Float](unsafeUninitializedCapacity: cols) { buf, n in
                try dequantize(type, UnsafeRawBufferPointer(start: base + i * bytes, count: bytes), into: buf.baseAddress!, count: cols)
                n = cols
            }
        }
    }
}

/// y = x·Wᵀ. Shapes: x (T, in), W (out, in); y (T, out).
func linear(_ x: Tensor, _ w: Weight) throws -> Tensor {
    switch w {
    case .dense(let t):
        return try linear(x, t)
    case .quantized(let type, let base, let rows, let cols, _):
        guard x.rank == 2, x.columns == cols else { throw ModelError("linear: x \(x.shape) does not fit W (\(rows), \(cols))") }
        if x.rows >= 4 {
            // A prompt: dequantising once and running sgemm beats T passes over the blocks.
            let n = rows * cols
            let dense = try [Float](unsafeUninitializedCapacity: n) { buf, count in
                try dequantize(type, UnsafeRawBufferPointer(start: base, count: n / type.blockSize * type.blockBytes), into: buf.baseAddress!, count: n)
                count = n
            }
            return try matmul(x, Tensor(shape: [rows, cols], scalars: dense), transposeB: true)
        }
        var y = [Float](repeating: 0, count: x.rows * rows)
        let rc = x.scalars.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                attn_quant_matmul(Int32(type.rawValue), base.assumingMemoryBound(to: UInt8.self), Int32(rows), Int32(cols),
                                  px.baseAddress!, Int32(x.rows), py.baseAddress!)
            }
        }
        guard rc == 0 else { throw ModelError("linear: the quantised kernel does not take \(type) with \(cols) columns") }
        return try Tensor(shape: [x.rows, rows], scalars: y)
    }
}

func embeddingRows(_ table: Weight, _ ids: [Int]) throws -> Tensor {
    var out: [Float] = []
    out.reserveCapacity(ids.count * table.cols)
    for id in ids {
        guard id >= 0, id < table.rows else { throw ModelError("token id \(id) is outside the vocabulary of \(table.rows)") }
        out += try table.row(id)
    }
    return try Tensor(shape: [ids.count, table.cols], scalars: out)
}
