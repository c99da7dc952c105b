import Foundation
import XCTest
@testable import LessonEngine

/// Damaged progress costs only what is damaged; `inspect()` changes nothing on disk.
final class ProgressDamageTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attn-damage-\(UUID().uuidString.prefix(8))/attn")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    private func writeFile(_ text: String) throws -> ProgressStore {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = ProgressStore(directory: directory)
        try Data(text.utf8).write(to: store.fileURL)
        return store
    }

    private var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() }

    static let damaged = """
        {"version": 1, "lessons": {
          "soft-read": {"a": {"solved": true, "tries": 2, "hintsUsed": 1},
                        "b": {"solved": true},
                        "c": {"solved": true, "tries": -4},
                        "d": {"solved": "yes", "tries": 1}},
          "masked": {"e": {"tries": 3, "hintsUsed": 0, "solved": false}},
          "broken": [1, 2]
        }}
        """

    func testEveryReadableRecordIsKeptAndOnlyTheRestIsSetAside() throws {
        let store = try writeFile(Self.damaged)
        let (data, warning) = try store.load()
        XCTAssertEqual(data.lessons["soft-read"]?["a"], ExerciseProgress(solved: true, tries: 2, hintsUsed: 1))
        XCTAssertEqual(data.lessons["soft-read"]?["b"], ExerciseProgress(solved: true), "missing fields take their defaults")
        XCTAssertEqual(data.lessons["masked"]?["e"], ExerciseProgress(solved: false, tries: 3, hintsUsed: 0))
        XCTAssertNil(data.lessons["soft-read"]?["c"])
        XCTAssertNil(data.lessons["soft-read"]?["d"])
        XCTAssertNil(data.lessons["broken"])

        let message = try XCTUnwrap(warning).description
        let side = try XCTUnwrap(names.first { $0.hasPrefix("progress.json.unreadable-") }, "\(names)")
        XCTAssertTrue(message.contains(directory.appendingPathComponent(side).path), message)
        XCTAssertTrue(message.contains("3 records"), message)
        XCTAssertTrue(message.contains("'tries' is not a whole number"), message)
        XCTAssertTrue(message.contains("the other 3 records are kept"), message)

        // The side file keeps what was set aside, as found, with the reasons.
        let sideText = try String(contentsOf: directory.appendingPathComponent(side), encoding: .utf8)
        for text in ["\"reason\"", "-4", "\"yes\"", "broken", store.fileURL.path] {
            XCTAssertTrue(sideText.contains(text), "\(text) in\n\(sideText)")
        }
        // The file now holds only readable records, so the damage is reported once.
        let again = try store.load()
        XCTAssertNil(again.warning)
        XCTAssertEqual(again.data, data)
        XCTAssertTrue(try String(contentsOf: store.fileURL, encoding: .utf8).contains("\"version\" : 1"))
    }

    func testAStaleTemporaryFileIsRemovedByTheNextWrite() throws {
        let store = try writeFile("{\"version\": 1, \"lessons\": {}}")
        let stale = directory.appendingPathComponent(".progress.json.tmp-999999")
        try Data("{\"half".utf8).write(to: stale)
        try store.update(lesson: "l", exercise: "e") { $0.solved = true }
        XCTAssertFalse(FileManager.default.fileExists(atPath: stale.path), "\(names)")
        XCTAssertEqual(names, ["progress.json", "progress.lock"])
        XCTAssertEqual(try store.load().data.lessons["l"]?["e"]?.solved, true)
    }

    func testInspectChangesNothingOnDisk() throws {
        let absent = ProgressStore(directory: directory)
        XCTAssertEqual(absent.inspect().data, ProgressData())
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path), "inspect must not create the directory")

        for text in [Self.damaged, "{not json"] {
            let store = try writeFile(text)
            let (data, warning) = store.inspect()
            XCTAssertEqual(names, ["progress.json"], "no lock file, no side file, nothing moved")
            XCTAssertEqual(try String(contentsOf: store.fileURL, encoding: .utf8), text)
            let message = try XCTUnwrap(warning).description
            XCTAssertTrue(message.contains(store.fileURL.path) && message.contains("left as it is"), message)
            if text == Self.damaged { XCTAssertEqual(data.lessons["soft-read"]?["a"]?.tries, 2) }
        }
    }

    func testANewerFormatIsReadButNeverRewritten() throws {
        let text = "{\"version\": 7, \"lessons\": {\"l\": {\"e\": {\"solved\": true}}}}"
        let store = try writeFile(text)
        let (data, warning) = try store.load()
        XCTAssertEqual(data.lessons["l"]?["e"]?.solved, true)
        XCTAssertTrue(warning?.description.contains("format 7") ?? false, "\(warning?.description ?? "")")
        XCTAssertThrowsError(try store.update(lesson: "l", exercise: "f") { $0.tries = 1 }) { error in
            XCTAssertTrue("\(error)".contains("newer than this attn"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: store.fileURL, encoding: .utf8), text)
    }

    func testHugeOrDeeplyNestedFilesAreMovedAsideNotParsed() throws {
        let store = try writeFile(String(repeating: "[", count: 100_000))
        let (_, warning) = try store.load()
        XCTAssertTrue(warning?.description.contains("nested too deeply") ?? false, "\(warning?.description ?? "")")
        XCTAssertTrue(names.contains { $0.hasPrefix("progress.json.corrupt-") }, "\(names)")
    }
}
