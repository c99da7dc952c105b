import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only memory-mapped file (or, for tests, a copy of some bytes), read by bounds-checked offsets.
///
/// Every read checks `offset + size ≤ count` before touching memory, so a malformed header gives a
/// `ModelFileError` instead of a crash.
public final class MappedFile: @unchecked Sendable {
    /// The path it was mapped from (or a label).
    public let path: String
    /// The length in bytes.
    public let count: Int
    public let base: UnsafeRawPointer
    private let mapped: Bool

    /// Maps `path` read-only.
    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ModelFileError(path, "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw ModelFileError(path, "cannot stat: \(String(cString: strerror(errno)))") }
        count = Int(st.st_size)
        if count == 0 {
            base = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 64))
            mapped = false
            return
        }
        guard let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw ModelFileError(path, "cannot memory-map \(count) bytes: \(String(cString: strerror(errno)))")
        }
        base = UnsafeRawPointer(p)
        mapped = true
    }

    /// A copy of `bytes` that reads like a mapped file (for tests and fuzzing).
    public init(bytes: [UInt8], label: String = "<memory>") {
        path = label
        count = bytes.count
        let p = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 64)
        bytes.withUnsafeBytes { src in if let s = src.baseAddress { p.copyMemory(from: s, byteCount: bytes.count) } }
        base = UnsafeRawPointer(p)
        mapped = false
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), count) } else { UnsafeMutableRawPointer(mutating: base).deallocate() }
    }

    /// Throws unless [offset, offset + size) lies inside the file; `what` names the region.
    public func check(_ offset: Int, _ size: Int, _ what: String) throws {
        guard offset >= 0, size >= 0, offset <= count, size <= count - offset else {
            throw ModelFileError(path, "\(what) at byte \(offset) with \(size) bytes runs past the end of the file (\(count) bytes)")
        }
    }

    /// A little-endian integer at `offset`.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int, _ what: String) throws -> T {
        try check(offset, MemoryLayout<T>.size, what)
        return T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// Bytes [offset, offset + size) as an array.
    public func bytes(at offset: Int, count size: Int, _ what: String) throws -> [UInt8] {
        try check(offset, size, what)
        return Array(UnsafeRawBufferPointer(start: base + offset, count: size))
    }
}

/// A cursor over a `MappedFile` for sequential headers (GGUF).
struct ByteCursor {
    let file: MappedFile
    var offset: Int

    mutating func read<T: FixedWidthInteger>(_ type: T.Type, _ what: String) throws -> T {
        let v = try file.load(T.self, at: offset, what)
        offset += MemoryLayout<T>.size
        return v
    }

    mutating func readFloat(_ what: String) throws -> Float { Float(bitPattern: try read(UInt32.self, what)) }
    mutating func readDouble(_ what: String) throws -> Double { Double(bitPattern: try read(UInt64.self, what)) }

    /// A length, checked to be representable and to fit in what is left of the file.
    mutating func readLength(_ what: String, elementSize: Int) throws -> Int {
        let n = try read(UInt64.self, what)
        let left = UInt64(file.count - offset)
        guard n <= left / UInt64(max(1, elementSize)) else {
            throw ModelFileError(file.path, "\(what) is \(n), more than the \(left) bytes left in the file at byte \(offset) allow")
        }
        return Int(n)
    }

    mutating func readString(_ what: String) throws -> String {
        let n = try readLength("length of \(what)", elementSize: 1)
        let b = try file.bytes(at: offset, count: n, what)
        offset += n
        guard let s = String(validating: b, as: UTF8.self) else {
            throw ModelFileError(file.path, "\(what) at byte \(offset - n) is not valid UTF-8")
        }
        return s
    }
}
