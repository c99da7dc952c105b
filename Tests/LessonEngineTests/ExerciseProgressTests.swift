import Foundation
import XCTest
@testable import LessonEngine

/// The progress store: round trip, XDG paths, a corrupt file moved aside, a read-only
/// directory, and two writers at once losing nothing.
final class ExerciseProgressTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attn-progress-\(UUID().uuidString)/attn")
    }

    override func tearDownWithError() throws {
        let parent = directory.deletingLastPathComponent()
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: parent.path)
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        try? FileManager.default.removeItem(at: parent)
    }

    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path, "/s/attn")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["HOME": "/h"]).path, "/h/.local/state/attn")
        // Relative XDG paths are invalid per the spec and ignored.
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]).path, "/h/.local/state/attn")
    }

    func testRoundTripAndReset() throws {
        let store = ProgressStore(directory: directory)
        XCTAssertEqual(try store.load().data, ProgressData())
        try store.update(lesson: "soft-read", exercise: "w") { $0.tries += 1; $0.hintsUsed = 2 }
        let (p, warning) = try store.update(lesson: "soft-read", exercise: "w") { $0.tries += 1; $0.solved = true }
        XCTAssertNil(warning)
        XCTAssertEqual(p, ExerciseProgress(solved: true, tries: 2, hintsUsed: 2))
        XCTAssertEqual(try ProgressStore(directory: directory).load().data.lessons["soft-read"]?["w"], p)
        try store.reset()
        XCTAssertEqual(try store.load().data.lessons, [:])
    }

    func testCorruptFileIsMovedAsideWithAMessage() throws {
        let store = ProgressStore(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: store.fileURL)
        let (p, warning) = try store.update(lesson: "l", exercise: "e") { $0.tries = 1 }
        XCTAssertEqual(p.tries, 1)
        let message = try XCTUnwrap(warning).description
        XCTAssertTrue(message.contains("moved to"), message)
        let russian = try XCTUnwrap(warning).text(.ru)
        XCTAssertTrue(russian.contains("файл перенесён в") && russian.contains("progress.json.corrupt-"), russian)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        let aside = try XCTUnwrap(names.first { $0.hasPrefix("progress.json.corrupt-") }, "\(names)")
        XCTAssertEqual(try String(contentsOf: directory.appendingPathComponent(aside), encoding: .utf8), "{not json")
        XCTAssertNil(try store.load().warning, "the new file is valid")
    }

    func testReadOnlyDirectoryGivesAClearError() throws {
        // Root ignores permission bits, so as root the read-only directory is one in sysfs.
        let target: URL
        if getuid() == 0 {
            target = URL(fileURLWithPath: "/sys/attn-progress-test/attn")
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
            target = directory
        }
        XCTAssertThrowsError(try ProgressStore(directory: target).update(lesson: "l", exercise: "e") { $0.tries += 1 }) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("cannot save progress") && message.contains(target.path), message)
        }
    }

    func testTwoWritersAtOnceLoseNothing() throws {
        let dir = directory!
        let perWriter = 40
        DispatchQueue.concurrentPerform(iterations: 2) { writer in
            // Each writer has its own store, so its own lock file descriptor: as two processes would.
            let store = ProgressStore(directory: dir)
            for i in 0..<perWriter {
                try? store.update(lesson: "l", exercise: "w\(writer)-\(i)") { $0.solved = true }
                try? store.update(lesson: "l", exercise: "shared") { $0.tries += 1 }
            }
        }
        let data = try ProgressStore(directory: dir).load().data
        XCTAssertEqual(data.lessons["l"]?.count, 2 * perWriter + 1)
        XCTAssertEqual(data.lessons["l"]?["shared"]?.tries, 2 * perWriter)
    }
}
