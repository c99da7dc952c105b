import Foundation

/// A GGUF v3 file (ggml's single-file model format): header, metadata, tensor infos, aligned data.
///
/// Layout: magic "GGUF", version u32, tensor count u64, metadata count u64; each metadata entry is
/// a string key, a u32 value type and the value; each tensor info is a name, n_dims u32, the dims
/// (innermost first) as u64, a ggml type u32 and an offset u64 relative to the data section, which
/// starts at the next multiple of `general.alignment` (default 32) after the infos.
public final class GGUFFile: @unchecked Sendable {
    /// A metadata value of any GGUF type.
    public enum Value: Sendable, Equatable {
        case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
        case float32(Float), bool(Bool), string(String), uint64(UInt64), int64(Int64), float64(Double)
        indirect case array([Value])

        public var int: Int? {
            switch self {
            case .uint8(let v): Int(v)
            case .int8(let v): Int(v)
            case .uint16(let v): Int(v)
            case .int16(let v): Int(v)
            case .uint32(let v): Int(v)
            case .int32(let v): Int(v)
            case .uint64(let v): v <= UInt64(Int.max) ? Int(v) : nil
            case .int64(let v): Int(v)
            default: nil
            }
        }
        public var double: Double? {
            switch self {
            case .float32(let v): Double(v)
            case .float64(let v): v
            default: int.map(Double.init)
            }
        }
        public var string: String? { if case .string(let s) = self { s } else { nil } }
        public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
        public var array: [Value]? { if case .array(let a) = self { a } else { nil } }
    }

    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        /// ggml order: innermost (contiguous) dimension first.
        public let dims: [Int]
        public let type: GGMLType
        /// Absolute byte offset in the file.
        public let offset: Int
        public let byteCount: Int
        /// Row-major shape, outermost first (dims reversed).
        public var shape: [Int] { dims.reversed() }
        public var elementCount: Int { dims.reduce(1, *) }
    }

    public let file: MappedFile
    public let version: UInt32
    public let metadata: [String: Value]
    /// Tensor infos in file order.
    public let tensorList: [TensorInfo]
    public let tensors: [String: TensorInfo]
    public let alignment: Int
    public var path: String { file.path }

    public convenience init(path: String) throws {
        try self.init(file: MappedFile(path: path))
    }

    public init(file: MappedFile) throws {
        self.file = file
        let path = file.path
        var c = ByteCursor(file: file, offset: 0)
        guard file.count >= 24 else { throw ModelFileError(path, "too short for a GGUF file (\(file.count) bytes)") }
        let magic = try c.read(UInt32.self, "magic")
        guard magic == 0x4655_4747 else {
            throw ModelFileError(path, "not a GGUF file: the first four bytes are not \"GGUF\"")
        }
        version = try c.read(UInt32.self, "version")
        guard version == 3 else { throw ModelFileError(path, "GGUF version \(version) is not supported (3 is)") }
        // Each tensor info needs at least 8 + 4 + 4 + 8 bytes; each metadata entry at least 8 + 4 + 1.
        let tensorCount = try c.readLength("tensor count", elementSize: 24)
        let kvCount = try c.readLength("metadata count", elementSize: 13)
        var metadata: [String: Value] = [:]
        for i in 0..<kvCount {
            let key = try c.readString("metadata key \(i)")
            let type = try c.read(UInt32.self, "type of \(key)")
            metadata[key] = try Self.readValue(&c, type: type, key: key, depth: 0)
        }
        let alignment = metadata["general.alignment"]?.int ?? 32
        guard alignment > 0, alignment <= 1 << 20, alignment & (alignment - 1) == 0 else {
            throw ModelFileError(path, "general.alignment \(alignment) is not a power of two")
        }
        var infos: [(String, [Int], GGMLType, UInt64)] = []
        for i in 0..<tensorCount {
            let name = try c.readString("name of tensor \(i)")
            let nDims = try c.read(UInt32.self, "dimension count of \(name)")
            guard (1...4).contains(nDims) else { throw ModelFileError(path, "tensor \(name) has \(nDims) dimensions (1 to 4 allowed)") }
            var dims: [Int] = []
            var elements = 1
            for d in 0..<Int(nDims) {
                let v = try c.read(UInt64.self, "dimension \(d) of \(name)")
                guard v <= 1 << 40 else { throw ModelFileError(path, "tensor \(name): dimension \(d) is \(v), too large") }
                let (m, o) = elements.multipliedReportingOverflow(by: Int(v))
                guard !o, m <= 1 << 40 else { throw ModelFileError(path, "tensor \(name): dims \(dims + [Int(v)]) are too large") }
                elements = m
                dims.append(Int(v))
            }
            let rawType = try c.read(UInt32.self, "type of \(name)")
            guard let type = GGMLType(rawValue: rawType) else {
                throw ModelFileError(path, "tensor \(name) has ggml type \(rawType), which attn does not read (F32, F16, BF16, Q8_0, Q4_0, Q4_1)")
            }
            guard dims[0] % type.blockSize == 0 else {
                throw ModelFileError(path, "tensor \(name): the row length \(dims[0]) is not a multiple of the \(type) block size \(type.blockSize)")
            }
            let offset = try c.read(UInt64.self, "offset of \(name)")
            infos.append((name, dims, type, offset))
        }
        let dataStart = (c.offset + alignment - 1) / alignment * alignment
        guard dataStart <= file.count else {
            throw ModelFileError(path, "the tensor data section would start at byte \(dataStart), past the end of the file (\(file.count) bytes)")
        }
        var list: [TensorInfo] = []
        var byName: [String: TensorInfo] = [:]
        for (name, dims, type, offset) in infos {
            let elements = dims.reduce(1, *)
            let bytes = elements / type.blockSize * type.blockBytes
            guard offset % UInt64(alignment) == 0 else {
                throw ModelFileError(path, "tensor \(name): offset \(offset) is not a multiple of the alignment \(alignment)")
            }
            guard offset <= UInt64(file.count - dataStart), bytes <= file.count - dataStart - Int(offset) else {
                throw ModelFileError(path, "tensor \(name): \(bytes) bytes at data offset \(offset) run past the end of the file (\(file.count) bytes; it may be truncated)")
            }
            guard byName[name] == nil else { throw ModelFileError(path, "tensor \(name) appears twice") }
            let info = TensorInfo(name: name, dims: dims, type: type, offset: dataStart + Int(offset), byteCount: bytes)
            list.append(info)
            byName[name] = info
        }
        self.metadata = metadata
        self.alignment = alignment
        self.tensorList = list
        self.tensors = byName
    }

    private static func readValue(_ c: inout ByteCursor, type: UInt32, key: String, depth: Int) throws -> Value {
        let path = c.file.path
        switch type {
        case 0: return .uint8(try c.read(UInt8.self, key))
        case 1: return .int8(try c.read(Int8.self, key))
        case 2: return .uint16(try c.read(UInt16.self, key))
        case 3: return .int16(try c.read(Int16.self, key))
        case 4: return .uint32(try c.read(UInt32.self, key))
        case 5: return .int32(try c.read(Int32.self, key))
        case 6: return .float32(try c.readFloat(key))
        case 7:
            let b = try c.read(UInt8.self, key)
            guard b <= 1 else { throw ModelFileError(path, "metadata \(key): bool byte is \(b), not 0 or 1") }
            return .bool(b == 1)
        case 8: return .string(try c.readString(key))
        case 9:
            guard depth < 4 else { throw ModelFileError(path, "metadata \(key): arrays nested deeper than 4") }
            let elementType = try c.read(UInt32.self, "element type of \(key)")
            let size: Int = switch elementType {
            case 0, 1, 7: 1
            case 2, 3: 2
            case 4, 5, 6: 4
            case 10, 11, 12, 8: 8
            default: 12
            }
            let n = try c.readLength("length of array \(key)", elementSize: size)
            var values: [Value] = []
            values.reserveCapacity(n)
            for _ in 0..<n { values.append(try readValue(&c, type: elementType, key: key, depth: depth + 1)) }
            return .array(values)
        case 10: return .uint64(try c.read(UInt64.self, key))
        case 11: return .int64(try c.read(Int64.self, key))
        case 12: return .float64(try c.readDouble(key))
        default: throw ModelFileError(path, "metadata \(key) has value type \(type), which GGUF v3 does not define")
        }
    }

    /// Metadata that must be present, or an error naming the key.
    public func require(_ key: String) throws -> Value {
        guard let v = metadata[key] else { throw ModelFileError(path, "metadata \(key) is missing") }
        return v
    }

    public func requireInt(_ key: String) throws -> Int {
        guard let v = try require(key).int else { throw ModelFileError(path, "metadata \(key) is not an integer") }
        return v
    }

    /// The tensor dequantised to Float32, row-major (shape `info.shape`).
    public func floats(_ name: String) throws -> [Float] {
        let t = try info(name)
        return try [Float](unsafeUninitializedCapacity: t.elementCount) { buf, count in
            try dequantize(t.type, UnsafeRawBufferPointer(start: file.base + t.offset, count: t.byteCount), into: buf.baseAddress!, count: t.elementCount)
            count = t.elementCount
        }
    }

    public func info(_ name: String) throws -> TensorInfo {
        guard let t = tensors[name] else { throw ModelFileError(path, "no tensor named \(name)") }
        try file.check(t.offset, t.byteCount, "tensor \(name)")
        return t
    }

    /// The raw bytes of a tensor (quantised blocks stay quantised).
    public func rawBytes(_ name: String) throws -> UnsafeRawBufferPointer {
        let t = try info(name)
        return UnsafeRawBufferPointer(start: file.base + t.offset, count: t.byteCount)
    }
}
