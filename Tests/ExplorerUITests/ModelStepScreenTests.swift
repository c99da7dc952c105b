import Foundation
@testable import ExplorerUI
import LessonEngine
import XCTest

/// Whether `lesson` runs a trained model this machine lacks (see LessonEngineTests' twin): the
/// tests that walk every lesson leave it out, and in CI it fails.
func lacksModels(_ lesson: Lesson, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let missing = Set(lesson.steps.compactMap { $0.scene?.modelInfo?.model }.filter { !isModelInstalled($0) })
    guard !missing.isEmpty else { return false }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("CI must install the models first (\(SceneModel.installCommand)): \(lesson.id) needs them", file: file, line: line)
    }
    return true
}

/// Lesson 10's model steps as a learner sees them: real tokens on the map, every head of the
/// layer, a typed (Cyrillic) sentence, SmolLM2's generate key, and the install command when a
/// model is missing. At 80×24 and 160×48.
final class ModelStepScreenTests: XCTestCase {
    static let sizes = [(80, 24), (160, 48)]

    private func requireModels() throws {
        for model in SceneModel.allCases where !isModelInstalled(model) {
            let why = "\(model.title) is not installed (\(SceneModel.installCommand))"
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("CI must install the models first: \(why)") }
            throw XCTSkip(why)
        }
    }

    private func lessonState(step: Int) throws -> AppState {
        var s = AppState(lessons: ExplorerStateTests.lessons)
        s.open(lesson: try XCTUnwrap(ExplorerStateTests.lessons.firstIndex { $0.id == "trained-models" }), step: step)
        s.showingIntroduction = false
        return s
    }

    private func send(_ s: inout AppState, _ keys: [Key]) { for k in keys { update(&s, .key(k)) } }

    private func type(_ s: inout AppState, _ text: String) { send(&s, text.map { .character($0) }) }

    func testTheMapShowsRealTokensAndEveryHeadOfTheLayer() throws {
        try requireModels()
        let s = try lessonState(step: 0)
        XCTAssertNil(s.sceneError)
        let labels = try XCTUnwrap(s.computed?["weights[8]"]?.rowLabels)
        XCTAssertEqual(labels.first, "[CLS]")
        for (w, h) in Self.sizes {
            let screen = view(s, width: w, height: h).text
            for token in ["[CLS]", "[SEP]", "because", "tired"] {
                XCTAssertTrue(screen.contains(token), "\(w)×\(h): no '\(token)' on screen:\n\(screen)")
            }
            XCTAssertTrue(screen.contains("layer 1 · head 8"), "\(w)×\(h): the map names its layer and head:\n\(screen)")
            // The heads view is the second view: Tab brings it forward at 80×24.
            var focused = s
            update(&focused, .key(.tab))
            let heads = view(focused, width: w, height: h).text
            XCTAssertTrue(heads.contains("heads of layer 1"), "\(w)×\(h):\n\(heads)")
            XCTAssertTrue(heads.contains("▶8◀"), "\(w)×\(h): the selected head is marked:\n\(heads)")
            XCTAssertTrue(heads.contains("▀"), "\(w)×\(h): the thumbnails are drawn:\n\(heads)")
        }
    }

    func testTypingACyrillicSentenceRunsTheModelOnIt() throws {
        try requireModels()
        var s = try lessonState(step: 0)
        send(&s, [.character("i"), .control("u")])
        XCTAssertEqual(s.modelStep.input, "")
        type(&s, "Привет, мир")
        let typing = view(s, width: 80, height: 24).text
        XCTAssertTrue(typing.contains("your sentence: Привет, мир"), typing)
        send(&s, [.enter])
        XCTAssertNil(s.modelStep.input)
        XCTAssertEqual(s.modelStep.sentence, "Привет, мир")
        let labels = try XCTUnwrap(s.computed?["weights[8]"]?.rowLabels)
        XCTAssertEqual(labels.first, "[CLS]")
        XCTAssertTrue(labels.contains(","), "\(labels)")
        XCTAssertTrue(labels.contains { $0.hasPrefix("##") }, "WordPiece splits the Russian words: \(labels)")
        for (w, h) in Self.sizes {
            let screen = view(s, width: w, height: h).text
            for piece in labels.prefix(4) { XCTAssertTrue(screen.contains(piece), "\(w)×\(h): no '\(piece)':\n\(screen)") }
        }
        // An exercise is asked about the lesson's sentence, and the panel says so; v goes back.
        send(&s, [.character("e")])
        XCTAssertTrue(s.pinDifferences.contains { $0.contains("Привет, мир") }, "\(s.pinDifferences)")
        send(&s, [.character("v")])
        XCTAssertNil(s.modelStep.sentence)
        XCTAssertEqual(s.computed?["weights[8]"]?.rowLabels?[8], "it")
    }

    func testTheGenerateKeyGrowsTheCausalMapByARow() throws {
        try requireModels()
        var s = try lessonState(step: 2)
        let before = try XCTUnwrap(s.computed?["ids"]?.tensor.count)
        send(&s, [.character("n")])
        XCTAssertEqual(s.computed?["ids"]?.tensor.count, before + 1)
        let w = try XCTUnwrap(s.computed?["weights[0]"]?.tensor)
        XCTAssertEqual(w.shape, [before + 1, before + 1])
        XCTAssertEqual(w[before - 1, before], 0, "still causal")
        send(&s, [.character("n")])
        XCTAssertEqual(s.computed?["ids"]?.tensor.count, before + 2)
        send(&s, [.character("N"), .character("N"), .character("N")])
        XCTAssertEqual(s.computed?["ids"]?.tensor.count, before)
        XCTAssertNotNil(s.statusMessage, "nothing left to remove is said")
        for (w, h) in Self.sizes {
            let screen = view(s, width: w, height: h).text
            XCTAssertTrue(screen.contains("head 0 · KV head 0, shared with 1, 2"), "\(w)×\(h):\n\(screen)")
        }
        // MiniLM does not generate: the key says why instead of doing nothing.
        var bert = try lessonState(step: 0)
        send(&bert, [.character("n")])
        XCTAssertEqual(bert.statusMessage, ModelText.noGenerate.text(bert.language))
    }

    func testAMissingModelShowsTheInstallCommand() throws {
        let empty = NSTemporaryDirectory() + "attn-ui-no-models-\(getpid())"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let before = ProcessInfo.processInfo.environment["ATTN_MODELS_DIR"]
        setenv("ATTN_MODELS_DIR", empty, 1)
        defer { if let before { setenv("ATTN_MODELS_DIR", before, 1) } else { unsetenv("ATTN_MODELS_DIR") } }
        // A sentence no other test has run, so nothing kept can stand in for the missing model.
        let source = "---\ntitle: Models\n---\n## A model step\n\nProse.\n\n```scene\nop: model\nmodel: smollm2\nsentence: \"missing-model test \(UUID().uuidString)\"\n```\n"
        let lesson = parseLesson(source: source, file: "m.md").lesson
        var s = AppState(lessons: [lesson])
        s.open(lesson: 0)
        XCTAssertEqual(s.modelStep.missingModel, .smollm2)
        for (w, h) in Self.sizes {
            let screen = view(s, width: w, height: h).text
            XCTAssertTrue(screen.contains("attn models install all"), "\(w)×\(h):\n\(screen)")
            XCTAssertTrue(screen.contains("SmolLM2 is not installed"), "\(w)×\(h):\n\(screen)")
            XCTAssertFalse(screen.contains("could not be computed"), "\(w)×\(h): not shown as a failure:\n\(screen)")
        }
    }

    /// `?` on a model step lists its own keys too, in both languages: i / I on MiniLM's and
    /// SmolLM2's, n / N (generate) on SmolLM2's only, with every row inside the box at 80×24 (21
    /// rows fit there only without the blank lines around the list). A step without a model lists
    /// neither.
    func testHelpOnAModelStepListsItsKeysInsideTheScreen() throws {
        for (step, generates) in [(0, false), (2, true)] {
            for language in Language.allCases {
                var s = try lessonState(step: step)
                XCTAssertEqual(s.modelInfo?.generates, generates, "step \(step + 1) runs \(generates ? "SmolLM2" : "MiniLM")")
                s.setLanguage(language)
                send(&s, [.character("?")])
                XCTAssertTrue(s.showHelp)
                let rows = localizedKeyHelp(language, model: s.modelInfo)
                XCTAssertEqual(rows.map(\.0).filter { ["i / I", "n / N"].contains($0) }, generates ? ["i / I", "n / N"] : ["i / I"])
                for (w, h) in Self.sizes {
                    let lines = view(s, width: w, height: h).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    let screen = lines.joined(separator: "\n")
                    for (keys, what) in rows {
                        XCTAssertTrue(lines.contains { $0.contains(keys) && $0.contains(what) }, "\(language) \(w)×\(h): help lacks \(keys) \(what):\n\(screen)")
                    }
                    if !generates { XCTAssertFalse(screen.contains("n / N"), "MiniLM does not generate:\n\(screen)") }
                    // the box closes below its last row (after a blank line where there is room), on the screen
                    let (lastKeys, lastWhat) = rows.last!
                    let last = try XCTUnwrap(lines.firstIndex { $0.contains(lastKeys) && $0.contains(lastWhat) })
                    let edge = last + 1 + (rows.count + 4 <= h ? 1 : 0)
                    XCTAssertLessThan(edge, lines.count, "\(language) \(w)×\(h)")
                    XCTAssertTrue(lines[edge].contains("└"), "\(language) \(w)×\(h): the box's bottom edge follows its last row:\n\(screen)")
                }
            }
        }
        var plain = AppState(lessons: ExplorerStateTests.lessons)
        plain.open(lesson: 0, step: 0)
        plain.showingIntroduction = false
        send(&plain, [.character("?")])
        let screen = view(plain, width: 80, height: 24).text
        XCTAssertTrue(screen.contains("Ctrl-C"), screen)
        XCTAssertFalse(screen.contains("i / I"), "a step without a model lists no model keys:\n\(screen)")
    }

    /// The model step's own words (the keys beside the info line, the heads legend, its status
    /// messages) follow the explorer's language, as `--lang` and `L` set it, not the environment's
    /// LANG: they once stayed English under `--lang ru`.
    func testTheModelStepsWordsFollowTheExplorersLanguage() throws {
        try requireModels()
        for language in Language.allCases {
            var s = try lessonState(step: 0)
            s.setLanguage(language)
            let screen = view(s, width: 160, height: 48).text
            for words in [ModelText.keysHint.text(language), ModelText.headsLegend.text(language)] {
                XCTAssertTrue(screen.contains(words), "\(language): no '\(words)':\n\(screen)")
            }
            let other = ModelText.keysHint.text(language.next)
            XCTAssertFalse(screen.contains(other), "\(language): '\(other)' is the other language's:\n\(screen)")
            send(&s, [.character("n")])   // MiniLM does not generate
            XCTAssertEqual(s.statusMessage, ModelText.noGenerate.text(language))
        }
        XCTAssertNotEqual(ModelText.keysHint.text(.en), ModelText.keysHint.text(.ru))
    }

    func testTheCatalogHasEveryEntryInEveryLanguage() {
        XCTAssertEqual(CatalogCheck.problems(ModelText.self), [])
    }
}
