import Foundation
import XCTest
@testable import Models

final class ModelStoreTests: XCTestCase {
    func testSHA256KnownAnswers() {
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(SHA256.hex(long), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var s = SHA256()
        for _ in 0..<1000 { s.update([UInt8](repeating: 0x61, count: 1000)) }
        XCTAssertEqual(s.finalize(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testDefaultRootFollowsXDG() {
        XCTAssertEqual(ModelStore.defaultRoot(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]), "/x/attn/models")
        XCTAssertEqual(ModelStore.defaultRoot(environment: ["HOME": "/h"]), "/h/.local/share/attn/models")
        XCTAssertEqual(ModelStore.defaultRoot(environment: ["ATTN_MODELS_DIR": "/m", "HOME": "/h"]), "/m")
    }

    /// A truncated, altered or missing file is refused with the install command.
    func testDamagedFilesAreRefusedWithTheInstallCommand() throws {
        let root = NSTemporaryDirectory() + "attn-store-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let content = Array("hello model".utf8)
        let spec = ModelSpec(name: "tiny", title: "t", package: "p", version: "1",
                             files: [.init(member: "m", name: "w.bin", bytes: content.count, sha256: SHA256.hex(content))])
        let store = ModelStore(root: root)
        XCTAssertThrowsError(try store.requireInstalled(spec)) {
            XCTAssertEqual("\($0)", "tiny is not installed. Install it with:\n    attn models install tiny")
        }
        try FileManager.default.createDirectory(atPath: store.directory(spec), withIntermediateDirectories: true)
        let p = store.path(spec, "w.bin")
        try Data(content).write(to: URL(fileURLWithPath: p))
        XCTAssertEqual(try store.requireInstalled(spec), store.directory(spec))
        try Data(content.dropLast(2)).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try store.requireInstalled(spec)) {
            XCTAssertTrue("\($0)".contains("w.bin is 9 bytes instead of 11 (truncated or partial)"), "\($0)")
            XCTAssertTrue("\($0)".hasSuffix("attn models install tiny"), "\($0)")
        }
        var altered = content
        altered[0] = 0x48
        try Data(altered).write(to: URL(fileURLWithPath: p))
        XCTAssertThrowsError(try store.requireInstalled(spec)) {
            XCTAssertTrue("\($0)".contains("altered (its sha256 does not match)"), "\($0)")
        }
    }
}
