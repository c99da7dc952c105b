@testable import ExplorerUI
import LessonEngine
import XCTest

/// The exercise panel as a learner and a presenter meet it: every exercise reachable, hints with
/// the scene's numbers, pinned controls, and nothing about an answer on the projector before r.
final class ExercisePanelTests: XCTestCase {
    private var lessons: [Lesson] { ExplorerStateTests.lessons }

    private func send(_ state: inout AppState, _ keys: [Key]) {
        for k in keys { update(&state, .key(k)) }
    }

    private func type(_ state: inout AppState, _ text: String) {
        send(&state, [.character("a")] + text.map { Key.character($0) } + [.enter])
    }

    /// The explorer opened on the step of `lesson` that has the exercise `id`, panel open on it.
    private func open(_ lessonID: String, exercise id: String, presenter: Bool = false) throws -> AppState {
        let index = try XCTUnwrap(lessons.firstIndex { $0.id == lessonID })
        let (step, exercises) = try XCTUnwrap(lessonExercises(lessons[index]).steps.first { $0.exercises.contains { $0.id == id } })
        var s = AppState(lessons: lessons, presenter: presenter)
        s.open(lesson: index, step: step)
        if s.showingIntroduction { send(&s, [.right]) }
        send(&s, [.character("e")])
        let position = try XCTUnwrap(exercises.firstIndex { $0.id == id })
        send(&s, Array(repeating: .character("e"), count: position))
        XCTAssertEqual(s.exercisePanel?.current?.id, id)
        return s
    }

    func testNextReachesEveryExerciseOfAStepAndWrapsAround() throws {
        let lesson = try XCTUnwrap(lessons.first { $0.id == "scaled-dot-product" })
        let (step, exercises) = try XCTUnwrap(lessonExercises(lesson).steps.max { $0.exercises.count < $1.exercises.count })
        XCTAssertGreaterThanOrEqual(exercises.count, 3)
        var s = AppState(lessons: lessons)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == lesson.id }), step: step)
        send(&s, [.character("e")])
        var seen: [String] = []
        for _ in exercises.indices {
            seen.append(try XCTUnwrap(s.exercisePanel?.current?.id))
            send(&s, [.character("e")])
        }
        XCTAssertEqual(seen, exercises.map(\.id), "e walks through every exercise in order")
        XCTAssertEqual(s.exercisePanel?.current?.id, exercises.first?.id, "and wraps around")
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("exercise 1/\(exercises.count)"))
    }

    func testHintsShowTheScenesNumbers() throws {
        var s = try open("scaled-dot-product", exercise: "what-scaling-does")
        send(&s, [.character("h"), .character("h")])
        let screen = view(s, width: 120, height: 40).text
        XCTAssertFalse(screen.contains("$dk"), screen)
        let dk = try XCTUnwrap(s.currentStep?.scene?.params["dk"]?.number)
        XCTAssertTrue(screen.contains("Here d_k = \(Int(dk))."), screen)
    }

    func testAPinnedControlIsNamedAndVSetsIt() throws {
        var s = try open("scaled-dot-product", exercise: "unscaled-top")
        XCTAssertEqual(s.pinDifferences, [], "at the step's defaults the controls show the question's values")
        let dkIndex = try XCTUnwrap(s.controls.firstIndex { $0.param == "dk" })
        s.controlIndex = dkIndex
        send(&s, [.character("-"), .character("-")])
        XCTAssertEqual(s.pinDifferences, ["d_k = 64 (yours: 16)"], "d_k steps in powers of two")
        // The panel sits in the prose column, so the sentence wraps there.
        let panelText = view(s, width: 120, height: 40).lines.map { String($0.prefix(48)) }.joined(separator: " ")
            .replacingOccurrences(of: "│", with: "").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(panelText.contains("this question assumes d_k = 64 (yours: 16) · v sets them"), panelText)
        // The answer is graded at d_k = 64 whatever the controls show.
        let exercise = try XCTUnwrap(s.exercisePanel?.current)
        let graded = try XCTUnwrap(s.exerciseContext()).answer(exercise)
        let atDefaults = try ExerciseContext(scene: XCTUnwrap(s.currentStep?.scene)).answer(exercise)
        XCTAssertEqual(graded, atDefaults)
        send(&s, [.character("v")])
        XCTAssertEqual(s.pinDifferences, [])
        XCTAssertEqual(s.value(of: s.controls[dkIndex]), 64)
    }

    func testPresenterShowsNothingAboutAnAnswerBeforeR() throws {
        var s = try open("scaled-dot-product", exercise: "weight-cell", presenter: true)
        let exercise = try XCTUnwrap(s.exercisePanel?.current)
        let answer = try XCTUnwrap(try XCTUnwrap(s.exerciseContext()).answer(exercise).number)
        type(&s, String(answer + 0.3))
        var screen = view(s, width: 120, height: 40).text
        XCTAssertFalse(screen.contains("wrong") || screen.contains("too high") || screen.contains("✗"), screen)
        XCTAssertTrue(screen.contains("answer 1 received"), screen)
        send(&s, [.character("r")])
        screen = view(s, width: 120, height: 40).text
        XCTAssertTrue(screen.contains("wrong: too high"), screen)
    }

    func testPresenterShowsTheIntroduction() throws {
        let index = try XCTUnwrap(lessons.firstIndex { !$0.introduction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty })
        var s = AppState(lessons: [lessons[index]], presenter: true)
        s.open(lesson: 0)
        XCTAssertTrue(s.showingIntroduction)
        let screen = view(s, width: 80, height: 24).text
        XCTAssertTrue(screen.contains("introduction · \(lessons[index].steps.count) steps"), screen)
        XCTAssertTrue(screen.contains("q quit"), "in presenter mode q quits, and the footer says so")
    }
}
