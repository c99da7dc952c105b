import Foundation

/// A safetensors file: an 8-byte little-endian header length N, N bytes of JSON, then the data.
///
/// The JSON maps each tensor name to `{"dtype", "shape", "data_offsets": [begin, end]}`, offsets
/// relative to the first byte after the header; `"__metadata__"` holds string pairs. Every
/// tensor's byte range is checked against its dtype and shape and against the file's length.
public final class SafeTensorsFile: @unchecked Sendable {
    /// Element types. Only F32, F16 and BF16 are read as numbers; the others (BERT checkpoints
    /// carry an I64 `position_ids`) are validated and listed but refuse `floats`.
    public enum DType: String, Sendable, CaseIterable {
        case f32 = "F32", f16 = "F16", bf16 = "BF16", f64 = "F64", i64 = "I64", i32 = "I32", i16 = "I16", i8 = "I8", u8 = "U8", bool = "BOOL"
        public var size: Int {
            switch self {
            case .f64, .i64: 8
            case .f32, .i32: 4
            case .f16, .bf16, .i16: 2
            case .i8, .u8, .bool: 1
            }
        }
        public var isReadable: Bool { self == .f32 || self == .f16 || self == .bf16 }
    }

    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        public let dtype: DType
        /// Row-major, outermost first.
        public let shape: [Int]
        /// Absolute byte offset in the file.
        public let offset: Int
        public let byteCount: Int
        public var elementCount: Int { shape.reduce(1, *) }
    }

    public let file: MappedFile
    public let tensors: [String: TensorInfo]
    public let metadata: [String: String]
    public var path: String { file.path }

    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        let path = file.path
        guard file.count >= 8 else {
            throw ModelFileError(path, "too short for a safetensors file (\(file.count) bytes; the header length alone takes 8)")
        }
        let n = try file.load(UInt64.self, at: 0, "header length")
        guard n <= UInt64(file.count - 8) else {
            throw ModelFileError(path, "header length \(n) is more than the \(file.count - 8) bytes after it")
        }
        guard n <= 100_000_000 else { throw ModelFileError(path, "header length \(n) is implausibly large (over 100 MB)") }
        let headerBytes = try file.bytes(at: 8, count: Int(n), "JSON header")
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(headerBytes))
        } catch {
            throw ModelFileError(path, "the header is not valid JSON (\(n) bytes after the length)")
        }
        guard let top = json as? [String: Any] else { throw ModelFileError(path, "the JSON header is not an object") }
        let dataStart = 8 + Int(n)
        let dataCount = file.count - dataStart
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in top {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else { throw ModelFileError(path, "__metadata__ is not an object") }
                for (k, v) in m {
                    guard let s = v as? String else { throw ModelFileError(path, "__metadata__[\(k)] is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let entry = value as? [String: Any] else { throw ModelFileError(path, "tensor \(name): entry is not an object") }
            guard let dt = entry["dtype"] as? String else { throw ModelFileError(path, "tensor \(name): no dtype") }
            guard let dtype = DType(rawValue: dt) else {
                throw ModelFileError(path, "tensor \(name): dtype \(dt) is not a safetensors dtype attn knows")
            }
            guard let shapeAny = entry["shape"] as? [Any] else { throw ModelFileError(path, "tensor \(name): no shape list") }
            var shape: [Int] = []
            var elements = 1
            for d in shapeAny {
                guard let num = d as? NSNumber, num.doubleValue == Double(num.int64Value),
                      num.doubleValue >= 0, num.doubleValue < 1e12 else {
                    throw ModelFileError(path, "tensor \(name): shape \(shapeAny) has an entry that is not a non-negative integer")
                }
                let v = num.intValue
                let (m, overflow) = elements.multipliedReportingOverflow(by: v)
                guard !overflow, m <= Int(UInt32.max) * 64 else { throw ModelFileError(path, "tensor \(name): shape \(shapeAny) is too large") }
                elements = m
                shape.append(v)
            }
            guard let offs = entry["data_offsets"] as? [Any], offs.count == 2,
                  let b = (offs[0] as? NSNumber)?.int64Value, let e = (offs[1] as? NSNumber)?.int64Value else {
                throw ModelFileError(path, "tensor \(name): data_offsets must be a list of two integers")
            }
            guard b >= 0, e >= b, e <= Int64(dataCount) else {
                throw ModelFileError(path, "tensor \(name): data_offsets [\(b), \(e)] fall outside the \(dataCount) data bytes (the file may be truncated)")
            }
            let bytes = Int(e - b)
            guard bytes == elements * dtype.size else {
                throw ModelFileError(path, "tensor \(name): \(bytes) bytes for shape \(shape) of \(dt), which needs \(elements * dtype.size)")
            }
            tensors[name] = TensorInfo(name: name, dtype: dtype, shape: shape, offset: dataStart + Int(b), byteCount: bytes)
        }
        self.tensors = tensors
        self.metadata = metadata
    }

    /// The tensor's elements as Float32, row-major.
    public func floats(_ name: String) throws -> [Float] {
        guard let t = tensors[name] else { throw ModelFileError(path, "no tensor named \(name)") }
        try file.check(t.offset, t.byteCount, "tensor \(name)")
        guard t.dtype.isReadable else { throw ModelFileError(path, "tensor \(name) is \(t.dtype.rawValue); attn reads F32, F16 and BF16 tensors") }
        let src = file.base + t.offset
        let n = t.elementCount
        return [Float](unsafeUninitializedCapacity: n) { buf, count in
            switch t.dtype {
            case .f32:
                for i in 0..<n { buf[i] = Float(bitPattern: UInt32(littleEndian: src.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
            case .f16:
                for i in 0..<n { buf[i] = float16ToFloat(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            case .bf16:
                for i in 0..<n { buf[i] = bfloat16ToFloat(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) }
            default:
                break  // excluded by the guard above
            }
            count = n
        }
    }
}
