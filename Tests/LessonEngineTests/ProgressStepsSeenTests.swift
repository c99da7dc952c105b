import Foundation
import XCTest
@testable import LessonEngine

/// The steps seen per lesson, saved beside the exercise records: old files still load, damage to
/// the new part costs only itself, and nothing seen or solved is lost.
final class ProgressStepsSeenTests: XCTestCase {
    var directory: URL!

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("attn-seen-\(UUID().uuidString.prefix(8))/attn")
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

    /// A file as attn wrote it before steps were saved.
    static let oldFile = """
        {
          "lessons" : {
            "soft-read" : {
              "a" : {"hintsUsed" : 1, "solved" : true, "tries" : 2}
            }
          },
          "version" : 1
        }
        """

    func testAnOldFileLoadsWithNothingSeenAndKeepsItsAnswersWhenStepsAreAdded() throws {
        let store = try writeFile(Self.oldFile)
        let (data, warning) = try store.load()
        XCTAssertNil(warning)
        XCTAssertEqual(data.stepsSeen, [:])
        XCTAssertEqual(data.lessons["soft-read"]?["a"], ExerciseProgress(solved: true, tries: 2, hintsUsed: 1))

        let (steps, again) = try store.markSeen(lesson: "soft-read", steps: [2, 0, 2])
        XCTAssertNil(again)
        XCTAssertEqual(steps, [0, 2])
        let reloaded = try store.load().data
        XCTAssertEqual(reloaded.stepsSeen, ["soft-read": [0, 2]])
        XCTAssertEqual(reloaded.lessons["soft-read"]?["a"], ExerciseProgress(solved: true, tries: 2, hintsUsed: 1), "the answers survive")
        let text = try String(contentsOf: store.fileURL, encoding: .utf8)
        XCTAssertTrue(text.contains("\"version\" : 1"), "still version 1: an older attn can go on saving answers\n\(text)")
        XCTAssertEqual(names.filter { $0.hasPrefix("progress.json.") }, [], "nothing set aside")
    }

    func testStepsSeenMergeWithWhatAnotherExplorerSaved() throws {
        let a = ProgressStore(directory: directory), b = ProgressStore(directory: directory)
        try a.markSeen(lesson: "masked", steps: [0, 1])
        let (steps, _) = try b.markSeen(lesson: "masked", steps: [4])
        XCTAssertEqual(steps, [0, 1, 4], "the second writer gets the first one's steps back")
        try a.update(lesson: "masked", exercise: "x") { $0.solved = true }
        let data = try a.load().data
        XCTAssertEqual(data.stepsSeen["masked"], [0, 1, 4], "saving an answer keeps the steps")
        XCTAssertEqual(data.lessons["masked"]?["x"]?.solved, true)
        // Seeing a step again writes nothing.
        let before = try FileManager.default.attributesOfItem(atPath: a.fileURL.path)[.modificationDate] as? Date
        usleep(20_000)
        try a.markSeen(lesson: "masked", steps: [1])
        let after = try FileManager.default.attributesOfItem(atPath: a.fileURL.path)[.modificationDate] as? Date
        XCTAssertEqual(before, after)
    }

    func testDamagedStepsAreSetAsideAndEverythingReadableIsKept() throws {
        let store = try writeFile("""
            {"version": 1,
             "lessons": {"soft-read": {"a": {"solved": true, "tries": 1}}},
             "stepsSeen": {"soft-read": [0, "two", 3, -1, 2.5, 4],
                           "masked": "all of them",
                           "positional": [1, 6]}}
            """)
        let (data, warning) = try store.load()
        XCTAssertEqual(data.lessons["soft-read"]?["a"], ExerciseProgress(solved: true, tries: 1), "the answer is kept")
        XCTAssertEqual(data.stepsSeen["soft-read"], [0, 3, 4], "the readable steps of a damaged list are kept")
        XCTAssertEqual(data.stepsSeen["positional"], [1, 6])
        XCTAssertNil(data.stepsSeen["masked"])
        let message = try XCTUnwrap(warning).description
        XCTAssertTrue(message.contains("2 records"), message)
        XCTAssertTrue(message.contains("lesson 'masked': its seen steps are not a list"), message)
        XCTAssertTrue(message.contains("lesson 'soft-read': seen steps that are not whole numbers"), message)
        let side = try XCTUnwrap(names.first { $0.hasPrefix("progress.json.unreadable-") }, "\(names)")
        let sideText = try String(contentsOf: directory.appendingPathComponent(side), encoding: .utf8)
        for text in ["\"two\"", "-1", "2.5", "all of them"] { XCTAssertTrue(sideText.contains(text), "\(text) in\n\(sideText)") }
        // Written back readable: the damage is reported once, and nothing is lost on the next load.
        let again = try store.load()
        XCTAssertNil(again.warning)
        XCTAssertEqual(again.data, data)
    }

    func testStepsSeenThatAreNotAnObjectCostOnlyThemselves() throws {
        let store = try writeFile("""
            {"version": 1, "lessons": {"masked": {"e": {"tries": 3}}}, "stepsSeen": [0, 1]}
            """)
        let (data, warning) = try store.load()
        XCTAssertEqual(data.lessons["masked"]?["e"]?.tries, 3)
        XCTAssertEqual(data.stepsSeen, [:])
        XCTAssertTrue(try XCTUnwrap(warning).description.contains("'stepsSeen' is not an object"))
    }

    func testStepsWithoutLessonsStillLoad() throws {
        let store = try writeFile(#"{"version": 1, "stepsSeen": {"hard-read": [0]}}"#)
        XCTAssertEqual(try store.load().data.stepsSeen, ["hard-read": [0]])
    }

    func testResetClearsTheStepsSeenToo() throws {
        let store = ProgressStore(directory: directory)
        try store.markSeen(lesson: "a", steps: [0])
        try store.markSeen(lesson: "b", steps: [1])
        try store.reset(lesson: "a")
        XCTAssertEqual(try store.load().data.stepsSeen, ["b": [1]])
        try store.reset()
        XCTAssertEqual(try store.load().data.stepsSeen, [:])
    }

    func testTheReasonsAreInRussianToo() {
        XCTAssertEqual(ProgressProblem.stepsNotList.text(.ru), "пройденные шаги записаны не списком")
        XCTAssertNotEqual(ProgressProblem.stepNotWhole(maximum: 10).text(.ru), ProgressProblem.stepNotWhole(maximum: 10).text(.en))
    }
}
