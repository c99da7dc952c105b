import Foundation
import AttnTestSupport
import XCTest
@testable import ModelFormats

func fixtureURL(_ name: String) -> URL {
    Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!
}

func loadExpected(_ name: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: fixtureURL(name))) as! [String: Any]
}

final class GGUFTests: XCTestCase {
    func testMetadataOfEveryType() throws {
        let g = try GGUFFile(path: fixtureURL("blocks.gguf").path)
        XCTAssertEqual(g.version, 3)
        XCTAssertEqual(g.metadata["t.u8"], .uint8(200))
        XCTAssertEqual(g.metadata["t.i8"], .int8(-100))
        XCTAssertEqual(g.metadata["t.u16"], .uint16(60000))
        XCTAssertEqual(g.metadata["t.i16"], .int16(-30000))
        XCTAssertEqual(g.metadata["t.u32"], .uint32(4_000_000_000))
        XCTAssertEqual(g.metadata["t.i32"], .int32(-2_000_000_000))
        XCTAssertEqual(g.metadata["t.f32"], .float32(1.5))
        XCTAssertEqual(g.metadata["t.bool"], .bool(true))
        XCTAssertEqual(g.metadata["t.str"], .string("привет, ☃"))
        XCTAssertEqual(g.metadata["t.u64"], .uint64(1 << 63 + 5))
        XCTAssertEqual(g.metadata["t.i64"], .int64(-(1 << 62)))
        XCTAssertEqual(g.metadata["t.f64"], .float64(-0.125))
        XCTAssertEqual(g.metadata["t.arr_i32"], .array([.int32(1), .int32(-2), .int32(3)]))
        XCTAssertEqual(g.metadata["t.arr_str"], .array([.string("a"), .string("bc"), .string("")]))
        XCTAssertEqual(g.metadata["general.architecture"], .string("test"))
    }

    func testTensorsDequantiseAsTheReferenceDoes() throws {
        let g = try GGUFFile(path: fixtureURL("blocks.gguf").path)
        let expected = try loadExpected("blocks.gguf.json")["tensors"] as! [String: [String: Any]]
        XCTAssertEqual(Set(expected.keys), ["q8_0", "q4_0", "q4_1", "f32", "f16"])
        for (name, e) in expected {
            let info = try XCTUnwrap(g.tensors[name])
            XCTAssertEqual(info.shape, e["shape"] as! [Int], name)
            // The reference dequantises in float32 too; only the order of a·b + c may differ.
            assertAllClose(try g.floats(name), (e["data"] as! [Double]).map { Float($0) }, rtol: 0, atol: 1e-6, name)
        }
        XCTAssertEqual(g.tensors["q4_1"]?.type, .q4_1)
        XCTAssertEqual(g.tensors["q8_0"]?.byteCount, 3 * 2 * 34)
    }

    func testTruncatedFileNamesTheTensor() throws {
        let bytes = try [UInt8](Data(contentsOf: fixtureURL("blocks.gguf")))
        let f16 = try GGUFFile(path: fixtureURL("blocks.gguf").path).tensors["f16"]!
        let cut = MappedFile(bytes: Array(bytes.prefix(f16.offset + f16.byteCount - 3)), label: "cut.gguf")
        XCTAssertThrowsError(try GGUFFile(file: cut)) { error in
            let s = "\(error)"
            XCTAssertTrue(s.hasPrefix("cut.gguf: tensor f16"), s)
            XCTAssertTrue(s.contains("truncated"), s)
        }
    }

    func testNotGGUF() {
        XCTAssertThrowsError(try GGUFFile(file: MappedFile(bytes: Array("GGML and some more bytes here!!".utf8), label: "x.gguf"))) {
            XCTAssertEqual("\($0)", "x.gguf: not a GGUF file: the first four bytes are not \"GGUF\"")
        }
        XCTAssertThrowsError(try GGUFFile(path: "/nonexistent/m.gguf")) {
            XCTAssertTrue("\($0)".hasPrefix("/nonexistent/m.gguf: cannot open"))
        }
    }

    /// Random corruptions of the header must throw (or read), never crash or hang.
    func testHeaderFuzz() throws {
        let bytes = try [UInt8](Data(contentsOf: fixtureURL("blocks.gguf")))
        let g = try GGUFFile(path: fixtureURL("blocks.gguf").path)
        let headerEnd = g.tensorList.map(\.offset).min()!
        var rng = SystemRandomNumberGenerator()
        var thrown = 0
        for trial in 0..<3000 {
            var b = bytes
            switch trial % 3 {
            case 0:  // flip random bytes in the header
                for _ in 0..<Int.random(in: 1...4, using: &rng) { b[Int.random(in: 0..<headerEnd, using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            case 1:  // truncate anywhere
                b = Array(b.prefix(Int.random(in: 0..<b.count, using: &rng)))
            default:  // write a huge length into a random 8-byte slot
                let at = Int.random(in: 0..<(headerEnd - 8), using: &rng)
                let v = [UInt64.max, 1 << 62, UInt64(b.count), UInt64(UInt32.max)].randomElement(using: &rng)!
                for k in 0..<8 { b[at + k] = UInt8(truncatingIfNeeded: v >> (8 * k)) }
            }
            do {
                let f = try GGUFFile(file: MappedFile(bytes: b, label: "fuzz.gguf"))
                for t in f.tensorList { _ = try f.floats(t.name) }
            } catch let e as ModelFileError {
                XCTAssertEqual(e.file, "fuzz.gguf")
                thrown += 1
            }
        }
        XCTAssertGreaterThan(thrown, 1000)
    }
}
