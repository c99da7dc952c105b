import Foundation
import LessonEngine
import XCTest

/// A learner in the real explorer: a wrong answer, a hint, the right answer, progress saved.
final class ExerciseEndToEndTests: XCTestCase {
    private let lessonsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons")

    func testWrongAnswerHintRightAnswerAndSavedProgress() throws {
        // The first numeric exercise with a hint in the course, and its answer computed by the engine.
        let lessons = lessonFiles(in: lessonsDirectory).compactMap { loadLesson(at: $0).lesson }.sorted { $0.order < $1.order }
        var found: (lessonIndex: Int, step: Int, position: Int, exercise: Exercise, value: Double)?
        search: for (li, lesson) in lessons.enumerated() {
            for (step, exercises) in lessonExercises(lesson).steps {
                for (k, e) in exercises.enumerated() where e.kind == .number && !e.hints.isEmpty && e.pins.isEmpty {
                    let context = try ExerciseContext(scene: try XCTUnwrap(lesson.steps[step].scene))
                    guard case .array(_, let values) = try context.answer(e) else { continue }
                    found = (li, step, k, e, values[0])
                    break search
                }
            }
        }
        let target = try XCTUnwrap(found, "the lessons need a numeric exercise with a hint")
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("attn-e2e-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: state) }

        let session = try TmuxSession.attn(["--lessons", lessonsDirectory.path], width: 120, height: 40,
                                           environment: ["XDG_STATE_HOME": state.path], checkingTerminal: true)
        try session.waitFor("attn — attention, step by step")
        try session.send(keys: Array(repeating: "j", count: target.lessonIndex) + ["Enter", "Right"])
        try session.waitFor("step 1/")
        try session.type("\(target.step + 1)")
        try session.send(keys: "Enter")
        try session.waitFor("step \(target.step + 1)/")
        try session.type("e")
        for _ in 0..<target.position { try session.type("e") }
        try session.waitFor("exercise \(target.position + 1)/")
        // Wrong: far outside the tolerance.
        try session.type("a")
        try session.waitFor("answer>")
        try session.type(String(target.value + 1000 * max(1, target.exercise.tolerance)))
        try session.send(keys: "Enter")
        try session.waitFor("✗")
        try session.type("h")
        try session.waitFor("hint 1:")
        try session.type("a")
        try session.waitFor("answer>")
        try session.type(String(target.value))
        try session.send(keys: "Enter")
        let solved = try session.waitFor("✓")
        XCTAssertTrue(solved.contains("solution:"), "the worked solution follows a right answer:\n\(TmuxSession.framed(solved))")
        try session.send(keys: "Escape", "q")
        try session.waitFor("solved")
        try session.send(keys: "q")
        XCTAssertEqual(try session.waitForExit(), 0)
        try session.waitFor("tty sane: yes")

        let store = ProgressStore(directory: state.appendingPathComponent("attn"))
        let saved = try XCTUnwrap(try store.load().data.lessons[lessons[target.lessonIndex].id]?[target.exercise.id])
        XCTAssertTrue(saved.solved)
        XCTAssertEqual(saved.tries, 2)
        XCTAssertEqual(saved.hintsUsed, 1)
    }
}
