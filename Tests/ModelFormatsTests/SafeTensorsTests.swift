import Foundation
import AttnTestSupport
import XCTest
@testable import ModelFormats

final class SafeTensorsTests: XCTestCase {
    func testReadsF32F16BF16() throws {
        let f = try SafeTensorsFile(path: fixtureURL("small.safetensors").path)
        let expected = try loadExpected("small.safetensors.json") as! [String: [String: Any]]
        XCTAssertEqual(f.metadata["format"], "pt")
        XCTAssertEqual(f.tensors["a"]?.dtype, .f32)
        XCTAssertEqual(f.tensors["h"]?.dtype, .f16)
        XCTAssertEqual(f.tensors["bf_bits"]?.dtype, .bf16)
        for (name, e) in expected {
            XCTAssertEqual(f.tensors[name]?.shape, e["shape"] as? [Int], name)
            assertAllClose(try f.floats(name), (e["data"] as! [Double]).map { Float($0) }, rtol: 0, atol: 1e-6, name)
        }
    }

    func testHalfConversionEdgeCases() {
        XCTAssertEqual(float16ToFloat(0x3C00), 1)
        XCTAssertEqual(float16ToFloat(0xC000), -2)
        XCTAssertEqual(float16ToFloat(0x7BFF), 65504)
        XCTAssertEqual(float16ToFloat(0x0001), 0x1p-24)
        XCTAssertEqual(float16ToFloat(0x7C00), .infinity)
        XCTAssertTrue(float16ToFloat(0x7E00).isNaN)
        XCTAssertEqual(float16ToFloat(0x8000).sign, .minus)
        XCTAssertEqual(bfloat16ToFloat(0x3F80), 1)
    }

    private func file(header: String, data: Int) -> MappedFile {
        let h = Array(header.utf8)
        var b: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: h.count >> (8 * $0)) }
        b += h
        b += [UInt8](repeating: 0, count: data)
        return MappedFile(bytes: b, label: "bad.safetensors")
    }

    func testMalformedHeadersThrowNamingTheProblem() {
        let cases: [(String, Int, String)] = [
            (#"{"x":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#, 8, "outside the 8 data bytes"),
            (#"{"x":{"dtype":"F32","shape":[2,2],"data_offsets":[0,12]}}"#, 16, "which needs 16"),
            (#"{"x":{"dtype":"Q9","shape":[1],"data_offsets":[0,8]}}"#, 8, "dtype Q9 is not a safetensors dtype"),
            (#"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, 8, "not a non-negative integer"),
            (#"{"x":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#, 8, "data_offsets"),
            (#"{"x":"#, 8, "not valid JSON"),
            (#"[1,2]"#, 8, "not an object"),
        ]
        for (header, data, message) in cases {
            XCTAssertThrowsError(try SafeTensorsFile(file: file(header: header, data: data)), header) {
                XCTAssertTrue("\($0)".hasPrefix("bad.safetensors: "), "\($0)")
                XCTAssertTrue("\($0)".contains(message), "\($0) should say \(message)")
            }
        }
        var big: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]
        big += Array("{}".utf8)
        XCTAssertThrowsError(try SafeTensorsFile(file: MappedFile(bytes: big, label: "b.st"))) {
            XCTAssertTrue("\($0)".contains("header length 4294967295 is more than the 2 bytes"), "\($0)")
        }
    }

    func testHeaderFuzz() throws {
        let bytes = try [UInt8](Data(contentsOf: fixtureURL("small.safetensors")))
        let n = Int(bytes[0]) | Int(bytes[1]) << 8
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<3000 {
            var b = bytes
            if trial % 2 == 0 {
                for _ in 0..<Int.random(in: 1...3, using: &rng) { b[Int.random(in: 0..<(8 + n), using: &rng)] = UInt8.random(in: 0...255, using: &rng) }
            } else {
                b = Array(b.prefix(Int.random(in: 0..<b.count, using: &rng)))
            }
            do {
                let f = try SafeTensorsFile(file: MappedFile(bytes: b, label: "fuzz.safetensors"))
                for name in f.tensors.keys { _ = try f.floats(name) }
            } catch let e as ModelFileError {
                XCTAssertEqual(e.file, "fuzz.safetensors")
            }
        }
    }
}
