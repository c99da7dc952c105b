import AttentionKernel
import Foundation
import XCTest
import AttnTestSupport
@testable import LessonEngine

/// What evaluation computes, checked against kernel calls written out here.
final class SceneEvaluationTests: XCTestCase {
    let qkv = "tokens: [a, b, c]\ntensors:\n  Q: [[1, 0], [0, 1], [1, 1]]\n  K: [[1, 2], [0, 1], [-1, 0]]\n  V: [[1, 0], [0, 1], [2, 2]]\n"

    func testAttentionEqualsTheKernelCall() throws {
        let s = try scene(qkv + "op: attention\nmask: causal\ntemperature: 0.5")
        let c = try evaluate(s)
        let q = try Tensor([[1, 0], [0, 1], [1, 1]]), k = try Tensor([[1, 2], [0, 1], [-1, 0]]), v = try Tensor([[1, 0], [0, 1], [2, 2]])
        let a = try scaledDotProductAttention(q: q, k: k, v: v, mask: .causal(queries: 3, keys: 3), temperature: 0.5)
        XCTAssertEqual(c["weights"]?.tensor, a.weights)
        XCTAssertEqual(c["masked"]?.tensor, a.maskedScores)
        XCTAssertEqual(c["output"]?.tensor, a.output)
        XCTAssertEqual(c["weights"]?.rowLabels, ["a", "b", "c"])
        XCTAssertEqual(c.views.map(\.kind), [.heatmap, .softmaxRow])
    }

    func testEmbeddingsGiveEqualTokensEqualRows() throws {
        let s = try scene("tokens: [the, cat, the]\ntensors:\n  X: {embed: tokens, dim: 5, seed: 3}\n  W_Q: {random: normal, shape: [5, 2]}\n  W_K: {random: normal, shape: [5, 2], seed: 1}\n  W_V: {random: normal, shape: [5, 2], seed: 2}\nop: attention")
        let x = try XCTUnwrap(evaluate(s)["X"]?.tensor)
        XCTAssertEqual(x.row(0), x.row(2))
        XCTAssertNotEqual(x.row(0), x.row(1))
        XCTAssertEqual(x.shape, [3, 5])
    }

    func testChoiceControlsOverrideByIndexIntoTheirValues() throws {
        let s = try scene(qkv + "op: attention\nmask: causal\ncontrols:\n  - {param: mask, values: [causal, none]}")
        XCTAssertEqual(s.controls.first?.defaultValue, 0)
        XCTAssertNotNil(try evaluate(s)["mask"])
        XCTAssertNil(try evaluate(s, overrides: ["mask": 1])["mask"])
    }

    func testParametersFlowIntoTensorShapes() throws {
        let s = try scene("tokens: [a, b]\nparams: {dk: 3}\ntensors:\n  Q: {random: normal, shape: [2, $dk], seed: 1}\n  K: {random: normal, shape: [2, $dk], seed: 2}\n  V: [[1, 0], [0, 1]]\nop: attention\ncontrols:\n  - {param: dk, min: 1, max: 64}")
        XCTAssertEqual(try evaluate(s)["Q"]?.shape, [2, 3])
        XCTAssertEqual(try evaluate(s, overrides: ["dk": 64])["K"]?.shape, [2, 64])
    }

    func testKVCacheRowsEqualCausalAttentionRows() throws {
        let s = try scene(qkv + "op: kvCache\nstep: 2")
        let c = try evaluate(s)
        XCTAssertEqual(c["weights"]?.shape, [3, 3])
        assertAllClose(try XCTUnwrap(c["weights"]).tensor.scalars, try XCTUnwrap(c["causalWeights"]).tensor.scalars, "cache vs causal")
        XCTAssertEqual(try evaluate(s, overrides: ["step": 0])["cacheK"]?.shape, [1, 2])
        XCTAssertThrowsError(try evaluate(s, overrides: ["step": 3]))
    }

    func testMultiHeadViewsFollowTheHeadParameterAndGQASharesKeys() throws {
        let s = try scene("tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 8, seed: 1}\nop: multiHead\nnumHeads: 4\nnumKVHeads: 2\nheadDim: 2\nviews: [heatmap]")
        let c = try evaluate(s, overrides: ["head": 3])
        XCTAssertEqual(c.views.first?.tensors, ["weights[3]"])
        XCTAssertEqual(c["K[0]"]?.tensor, c["K[1]"]?.tensor)
        XCTAssertNotEqual(c["K[1]"]?.tensor, c["K[2]"]?.tensor)
        XCTAssertEqual(c["kvCacheFloatsPerToken"]?.tensor.scalars, [8])
        XCTAssertThrowsError(try evaluate(s, overrides: ["head": 4]))
    }

    func testRoPEScoresDependOnlyOnTheOffset() throws {
        let s = try scene("tokens: [x, x, x, x]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 5}\nop: rope\nbase: 10")
        let a = try XCTUnwrap(evaluate(s)["scores"]?.tensor)
        let b = try XCTUnwrap(evaluate(s, overrides: ["position": 17])["scores"]?.tensor)
        assertAllClose(a.scalars, b.scalars, rtol: 1e-4, atol: 1e-4, "shifted positions")
        for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(a[i, j], a[i + 1, j + 1], accuracy: 1e-4) } }
    }

    func testReadsReportNoMatchAndZeroSums() throws {
        let none = try evaluate(try scene("tensors:\n  q: [1, 1]\n  K: [[1, 0], [0, 1]]\n  V: [[1], [2]]\nop: hardRead"))
        XCTAssertNil(none["output"])
        XCTAssertTrue(none.notes.contains { $0.contains("no key matches") })
        let zero = try evaluate(try scene("tensors:\n  q: [1, 1]\n  K: [[1, 0], [0, 1], [-1, -1]]\n  V: [[1], [2], [3]]\nop: softRead\nsimilarity: dot"))
        XCTAssertNil(zero["weights"])
        XCTAssertEqual(zero["weightSum"]?.tensor.scalars, [0])
    }

    func testEvalJSONShape() throws {
        let c = try evaluate(try scene(qkv + "op: attention\nmask: causal"))
        let json = evalJSON(c)
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.first?["name"] as? String, "Q")
        XCTAssertEqual(parsed.first?["shape"] as? [Int], [3, 2])
        let masked = try XCTUnwrap(parsed.first { $0["name"] as? String == "masked" })
        XCTAssertEqual((masked["values"] as? [Any])?[1] as? String, "-inf")
    }
}

/// `attn eval` entry points: bare scenes, whole lessons, and their errors.
final class EvalEntryPointTests: XCTestCase {
    func testBareSceneAndLessonSources() throws {
        let bare = "tokens: [a]\ntensors:\n  Q: [[1]]\n  K: [[1]]\n  V: [[2]]\nop: attention\n"
        let json = try XCTUnwrap(evalJSON(source: bare, file: "-").json)
        XCTAssertTrue(json.contains("\"name\": \"output\", \"shape\": [1, 1], \"values\": [2]"), json)
        let lesson = "---\ntitle: t\n---\n## one\n```scene\n\(bare)```\n## two\n\ntext\n"
        let lessonJSON = try XCTUnwrap(evalJSON(source: lesson, file: "-").json)
        XCTAssertTrue(lessonJSON.hasPrefix("[{\"step\": 1, \"title\": \"one\""), lessonJSON)
    }

    func testErrorsComeBackAsDiagnostics() {
        let d = evalJSON(source: "op: atention\n", file: "-").diagnostics
        XCTAssertEqual(d.map(\.description), ["-:1:5: error: unknown op 'atention' (did you mean 'attention'?)"])
        let e = evalJSON(source: "", file: "-").diagnostics
        XCTAssertEqual(e.count, 1)
    }

    func testLoadLessonsListsTheCourse() {
        let all = loadLessons(in: TestPaths.lessons)
        XCTAssertEqual(all.count, 10)
        XCTAssertTrue(all.allSatisfy { $0.diagnostics.isEmpty && $0.lesson != nil })
    }
}
