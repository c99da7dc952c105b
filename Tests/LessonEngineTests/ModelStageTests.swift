import AttentionKernel
import Foundation
import Models
import XCTest
@testable import LessonEngine

/// Skips a test that needs an installed model, except in CI (`CI=true`), where a missing model
/// fails it: CI installs the models, so a skip there would hide a broken install.
func requireModel(_ model: SceneModel, file: StaticString = #filePath, line: UInt = #line) throws {
    guard !isModelInstalled(model) else { return }
    let why = "\(model.title) is not installed (\(SceneModel.installCommand))"
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("CI must install the models first: \(why)", file: file, line: line)
        throw XCTSkip(why)
    }
    throw XCTSkip(why)
}

/// Whether `lesson` runs a trained model this machine lacks. The tests that walk every lesson
/// leave such a lesson out (ModelStageTests checks it without the models); in CI it fails.
func lacksModels(_ lesson: Lesson, file: StaticString = #filePath, line: UInt = #line) -> Bool {
    let missing = Set(lesson.steps.compactMap { $0.scene?.modelInfo?.model }.filter { !isModelInstalled($0) })
    guard !missing.isEmpty else { return false }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("CI must install the models first (\(SceneModel.installCommand)): \(lesson.id) needs them", file: file, line: line)
    }
    return true
}

/// Runs `body` with `$ATTN_MODELS_DIR` pointing at an empty folder: every model is missing.
func withoutModels<T>(_ body: () throws -> T) rethrows -> T {
    let empty = NSTemporaryDirectory() + "attn-no-models-\(getpid())"
    try? FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let before = ProcessInfo.processInfo.environment["ATTN_MODELS_DIR"]
    setenv("ATTN_MODELS_DIR", empty, 1)
    StageMemo.shared.removeAll()
    defer {
        StageMemo.shared.removeAll()
        if let before { setenv("ATTN_MODELS_DIR", before, 1) } else { unsetenv("ATTN_MODELS_DIR") } }
    return try body()
}

/// `op: model` against the Models target's forward passes and the PyTorch reference in
/// Tests/ModelsTests/Fixtures/real_reference.json (written by scripts/model_reference.py).
final class ModelStageTests: XCTestCase {
    private func modelScene(_ model: String, _ sentence: String, extra: String = "") throws -> Scene {
        try scene("op: model\nmodel: \(model)\nsentence: \(jsonQuoted(sentence))\n" + extra)
    }

    private func jsonQuoted(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s]), as: UTF8.self).dropFirst().dropLast().description
    }

    private func reference(_ model: String) throws -> [String: Any] {
        let url = TestPaths.root.appendingPathComponent("Tests/ModelsTests/Fixtures/real_reference.json")
        let all = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return all[model] as! [String: Any]
    }

    private func maxDiff(_ a: [Float], _ b: [Double]) -> Double {
        XCTAssertEqual(a.count, b.count)
        return zip(a, b).map { abs(Double($0) - $1) }.max() ?? .infinity
    }

    func testMiniLMStageEqualsTheForwardPassAndPyTorch() throws {
        try requireModel(.minilm)
        let ref = try reference("minilm")
        let text = ref["text"] as! String
        let m = try MiniLM.installed()
        let (tokens, out) = try m.run(text)
        var stage: [Float] = []
        for layer in 0..<6 {
            let c = try evaluate(try modelScene("minilm", text, extra: "layer: \(layer)"))
            XCTAssertEqual(c["ids"]?.tensor.scalars.map(Int.init), tokens.map(\.id))
            XCTAssertEqual(c["weights[0]"]?.rowLabels, tokens.map(\.piece), "the map's labels are the WordPiece tokens")
            for h in 0..<12 {
                let w = try XCTUnwrap(c["weights[\(h)]"]).tensor
                XCTAssertEqual(w, out.attentions[layer][h], "layer \(layer) head \(h): the stage is the Models forward pass")
                stage += w.scalars
            }
        }
        let d = maxDiff(stage, ref["attentions"] as! [Double])
        print("op: model, MiniLM attentions against PyTorch: max |diff| = \(d)")
        XCTAssertLessThanOrEqual(d, 1e-4)
    }

    func testSmolLM2StageEqualsTheForwardPassAndPyTorchAndIsCausal() throws {
        try requireModel(.smollm2)
        let ref = try reference("smollm2")
        let text = ref["text"] as! String
        let m = try SmolLM2.installed()
        let (prompt, _, session) = try m.generate(text, count: 0, sampling: .greedy)
        var stage: [Float] = []
        for layer in 0..<30 {
            let c = try evaluate(try modelScene("smollm2", text, extra: "layer: \(layer)"))
            XCTAssertEqual(c["ids"]?.tensor.scalars.map(Int.init), prompt.map(\.id))
            for h in 0..<9 {
                let w = try XCTUnwrap(c["weights[\(h)]"]).tensor
                XCTAssertEqual(w, session.attentionMap(layer: layer, head: h))
                for i in 0..<w.rows { for j in (i + 1)..<max(i + 1, w.columns) { XCTAssertEqual(w[i, j], 0, "above the diagonal") } }
                stage += w.scalars
            }
        }
        let d = maxDiff(stage, ref["attentions"] as! [Double])
        print("op: model, SmolLM2 attentions against PyTorch: max |diff| = \(d)")
        XCTAssertLessThanOrEqual(d, 1e-4)
    }

    func testGQASharingIsNamedAndGenerationGrowsTheMapByTheGreedyTokens() throws {
        try requireModel(.smollm2)
        let text = "The capital of France is"
        let c = try evaluate(try modelScene("smollm2", text, extra: "layer: 3\nhead: 4"))
        XCTAssertEqual(c["kvHead"]?.tensor.scalars, [0, 0, 0, 1, 1, 1, 2, 2, 2])
        XCTAssertEqual(c["weights[4]"]?.displayName, "head 4 · KV head 1, shared with 3, 5")
        XCTAssertEqual(c.views.map(\.kind), [.heatmap, .heads])
        XCTAssertEqual(c.views[0].keys.first?.head, 4)
        XCTAssertEqual(c.views[1].keys.count, 9)
        let m = try SmolLM2.installed()
        let (prompt, generated, session) = try m.generate(text, count: 3, sampling: .greedy)
        let g = try evaluate(try modelScene("smollm2", text, extra: "layer: 3\ngenerate: 3"))
        XCTAssertEqual(g["ids"]?.tensor.scalars.map(Int.init), (prompt + generated).map(\.id), "the greedy continuation is appended")
        let w = try XCTUnwrap(g["weights[2]"]).tensor
        XCTAssertEqual(w.shape, [prompt.count + 3, prompt.count + 3])
        XCTAssertEqual(w, session.attentionMap(layer: 3, head: 2), "fed back through the KV cache, the same rows as a full run")
    }

    func testLayerAndHeadChangesDoNotRunTheModelAgain() throws {
        try requireModel(.minilm)
        let s = try modelScene("minilm", "A sentence only this test reads, once.")
        _ = try evaluate(s)
        let before = ModelRuns.shared.forwardPasses
        for layer in 0..<6 {
            for head in [0, 5, 11] { _ = try evaluate(s, overrides: ["layer": Double(layer), "head": Double(head)]) }
        }
        XCTAssertEqual(ModelRuns.shared.forwardPasses, before, "layer and head re-slice the kept run")
        _ = try evaluate(s.reading("Another sentence, so one more forward pass."))
        XCTAssertEqual(ModelRuns.shared.forwardPasses, before + 1)
    }

    func testTheSceneShapeIsCheckedWithoutTheWeights() throws {
        try withoutModels {
            XCTAssertFalse(isModelInstalled(.minilm))
            XCTAssertThrowsError(try evaluate(try modelScene("minilm", "x", extra: "layer: 6"))) { e in
                XCTAssertTrue((e as? SceneError)?.message.contains("outside 0…5") ?? false, "\(e)")
                XCTAssertNil((e as? SceneError)?.missingModel)
            }
            XCTAssertThrowsError(try evaluate(try modelScene("minilm", "x", extra: "generate: 2"))) { e in
                XCTAssertTrue((e as? SceneError)?.message.contains("smollm2") ?? false, "\(e)")
            }
            XCTAssertThrowsError(try evaluate(try modelScene("smollm2", "x"))) { e in
                let error = e as? SceneError
                XCTAssertEqual(error?.missingModel, "smollm2")
                XCTAssertTrue(error?.message.contains("attn models install all") ?? false, "\(e)")
            }
        }
    }

    func testTheLessonValidatesWithoutModelsAndSaysWhatItSkipped() throws {
        let url = TestPaths.lessons.appendingPathComponent("10-trained-models.md")
        try withoutModels {
            XCTAssertEqual(validateLesson(at: url), [])
            let notes = validationNotes(at: url)
            XCTAssertEqual(notes.count, 7, notes.joined(separator: "\n"))
            XCTAssertTrue(notes.allSatisfy { $0.contains("attn models install all") && $0.contains(": note: step ") })
        }
    }

    func testTheLessonValidatesWithTheModels() throws {
        try requireModel(.minilm)
        try requireModel(.smollm2)
        let url = TestPaths.lessons.appendingPathComponent("10-trained-models.md")
        XCTAssertEqual(validateLesson(at: url), [])
        XCTAssertEqual(validationNotes(at: url), [])
    }

    func testCyrillicGoesThroughBothTokenizers() throws {
        try requireModel(.minilm)
        try requireModel(.smollm2)
        let bert = try evaluate(try modelScene("minilm", "Кошка сидела на ковре."))
        let labels = try XCTUnwrap(bert["weights[0]"]?.rowLabels)
        XCTAssertEqual(labels.first, "[CLS]")
        XCTAssertEqual(labels.last, "[SEP]")
        XCTAssertTrue(labels.contains("##ка"), "\(labels)")
        let bpe = try evaluate(try modelScene("smollm2", "Кошка сидела на ковре."))
        let pieces = try XCTUnwrap(bpe["weights[0]"]?.rowLabels)
        XCTAssertFalse(pieces.joined().contains("\u{FFFD}"), "a split character shows its bytes: \(pieces)")
        XCTAssertTrue(pieces.contains("<D0>") || pieces.contains { $0.hasPrefix("<") }, "\(pieces)")
        XCTAssertTrue(pieces.contains("на"), "\(pieces)")
    }
}
