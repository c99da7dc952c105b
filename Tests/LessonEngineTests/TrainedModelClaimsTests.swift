import AttentionKernel
import Foundation
import XCTest
@testable import LessonEngine

/// What Lessons/10-trained-models.md claims about the real models, checked on its own scenes.
///
/// Numbers are read back from the prose (`stated`) and compared with what the engine computes
/// from the installed models, at the prose's precision: a percentage to the nearest whole
/// percent. Nothing is typed in here; the numbers were found with scripts/model_facts.py.
final class TrainedModelClaimsTests: XCTestCase {
    private static let lesson = loadLesson(at: TestPaths.lessons.appendingPathComponent("10-trained-models.md")).lesson

    override func setUpWithError() throws {
        try requireModel(.minilm)
        try requireModel(.smollm2)
    }

    private func step(_ title: String) throws -> LessonStep {
        let lesson = try XCTUnwrap(Self.lesson)
        return try XCTUnwrap(lesson.steps.first { $0.title.hasPrefix(title) }, "no step '\(title)…'")
    }

    private func computed(_ step: LessonStep, _ overrides: [String: Double] = [:]) throws -> ComputedScene {
        try evaluate(try XCTUnwrap(step.scene), overrides: overrides)
    }

    private func flat(_ prose: String) -> String {
        prose.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    private func stated(_ text: String, _ pattern: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let regex = try NSRegularExpression(pattern: pattern)
        guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), let r = Range(m.range(at: 1), in: text) else {
            XCTFail("the prose no longer says /\(pattern)/", file: file, line: line)
            throw CancellationError()
        }
        return String(text[r])
    }

    /// "65" against 0.6532: the stated whole percent is the computed one rounded.
    private func assertPercent(_ text: String, _ value: Float, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Int(text), Int((value * 100).rounded()), "\(what): the prose says \(text)%, the model gives \(value)", file: file, line: line)
    }

    private func matrix(_ c: ComputedScene, _ name: String) throws -> [[Float]] { try XCTUnwrap(c[name]).tensor.matrixRows }
    private func mean(_ xs: [Float]) -> Float { xs.reduce(0, +) / Float(xs.count) }

    func testBertsNextTokenHeadLooksAhead() throws {
        let step = try step("BERT reads both ways")
        let c = try computed(step)
        let prose = flat(step.prose)
        let w = try matrix(c, "weights[8]")
        let labels = try XCTUnwrap(c["weights[8]"]?.rowLabels)
        XCTAssertEqual(labels[8], "it")
        XCTAssertEqual(labels[9], "was")
        assertPercent(try stated(prose, #"`it` \(row 8\) gives `was` \(row 9\) (\d+)%"#), w[8][9], "it → was")
        // "Most tokens put most of their weight on the token right after them."
        let T = w.count
        let ahead = (0..<(T - 1)).filter { i in w[i].indices.max { w[i][$0] < w[i][$1] } == i + 1 }.count
        XCTAssertGreaterThan(2 * ahead, T - 1, "only \(ahead) of \(T - 1) tokens look at the next one most")
        XCTAssertTrue(prose.contains("Layer 1, head 8 is a **next-token head**"))
        XCTAssertEqual(c.parameters["layer"], 1)
        XCTAssertEqual(c.parameters["head"], 8)
        // The exercise and the notes: layer 5, head 11 sends `it` to `cat`.
        let coref = try computed(step, ["layer": 5, "head": 11])
        let row = try matrix(coref, "weights[11]")[8]
        XCTAssertEqual(labels[row.indices.max { row[$0] < row[$1] }!], "cat")
    }

    func testClsTakesTheWeightAndSepLittle() throws {
        let step = try step("[CLS], [SEP]")
        let c = try computed(step)
        let prose = flat(step.prose)
        let first = try matrix(c, "firstToken"), last = try matrix(c, "lastToken")
        XCTAssertEqual(c["weights[0]"]?.rowLabels?.first, "[CLS]")
        XCTAssertEqual(c["weights[0]"]?.rowLabels?.last, "[SEP]")
        assertPercent(try stated(prose, #"in layer 4 the tokens give `\[CLS\]` (\d+)% of their weight"#), mean(first[4]), "layer 4 on [CLS]")
        let heads = zip(first[4], last[4]).filter { $0 + $1 > 0.5 }.count
        XCTAssertEqual(try stated(prose, #"and (\d+) of the 12 heads give `\[CLS\]` and `\[SEP\]` together more than half"#), String(heads))
        let sepLimit = Float(try stated(prose, #"less than (\d+)% on average in every layer"#))! / 100
        for l in 0..<6 {
            XCTAssertLessThan(mean(last[l]), sepLimit, "layer \(l) on [SEP]")
            XCTAssertGreaterThan(mean(first[l]), mean(last[l]), "layer \(l): [CLS] is the favourite")
        }
    }

    func testSmolLM2sMapsAreLowerTriangles() throws {
        let step = try step("SmolLM2's causal map")
        for layer in [0, 11, 29] {
            let c = try computed(step, ["layer": Double(layer)])
            for h in 0..<9 {
                let w = try matrix(c, "weights[\(h)]")
                for i in w.indices { for j in w.indices where j > i { XCTAssertEqual(w[i][j], 0) } }
            }
        }
        let c = try computed(step)
        XCTAssertEqual(c["weights[0]"]?.rowLabels?[1], "cat", "the label leaves the space of ' cat' out")
        XCTAssertEqual(c["weights[0]"]?.rowLabels?[5], "mat")
    }

    func testThePreviousTokenHeadIsTheOneNamed() throws {
        let step = try step("A previous-token head")
        let c = try computed(step)
        let prose = flat(step.prose)
        let p = try matrix(c, "previousToken")
        let layer = Int(try stated(prose, #"the strongest is layer (\d+), head \d+"#))!
        let head = Int(try stated(prose, #"the strongest is layer \d+, head (\d+)"#))!
        var best = (0, 0)
        for l in p.indices { for h in p[l].indices where p[l][h] > p[best.0][best.1] { best = (l, h) } }
        XCTAssertEqual(best.0, layer)
        XCTAssertEqual(best.1, head)
        assertPercent(try stated(prose, #"head \d+, with (\d+)% of the weight on the previous token"#), p[layer][head], "previous-token head")
        // The measure is the mean of a[i, i−1] over i ≥ 1, as the prose says.
        let w = try matrix(try computed(step, ["layer": Double(layer)]), "weights[\(head)]")
        XCTAssertEqual(mean((1..<w.count).map { w[$0][$0 - 1] }), p[layer][head], accuracy: 1e-6)
    }

    func testTheAttentionSinkGrowsInLaterLayers() throws {
        let step = try step("The attention sink")
        let c = try computed(step)
        let prose = flat(step.prose)
        let first = try matrix(c, "firstToken")
        assertPercent(try stated(prose, #"In layer 1 the other tokens give the first token (\d+)%"#), mean(first[1]), "layer 1")
        let from = Int(try stated(prose, #"from layer (\d+) on, more than half in every layer"#))!
        for l in from..<30 { XCTAssertGreaterThan(mean(first[l]), 0.5, "layer \(l)") }
        XCTAssertLessThanOrEqual(mean(first[from - 1]), 0.5, "the prose names the first layer of the run")
        assertPercent(try stated(prose, #"and (\d+)% in layer 24"#), mean(first[24]), "layer 24")
    }

    func testGQAGroupsAsStated() throws {
        let step = try step("GQA")
        let c = try computed(step)
        XCTAssertEqual(try XCTUnwrap(c["kvHead"]).tensor.scalars, [0, 0, 0, 1, 1, 1, 2, 2, 2])
        let prose = flat(step.prose)
        XCTAssertTrue(prose.contains("heads 0, 1, 2 read KV head 0, heads 3, 4, 5 read KV head 1, heads 6, 7, 8 read KV head 2"))
        XCTAssertTrue(prose.contains("3 heads of keys and values per layer instead of 9"))
        XCTAssertEqual(c["weights[4]"]?.displayName, "head 4 · KV head 1, shared with 3, 5")
    }

    func testRussianComesOutAlmostLetterByLetter() throws {
        let step = try step("Your own sentence")
        let prose = flat(step.prose)
        let c = try computed(step)
        XCTAssertEqual(try stated(prose, #"the (\d+) words below"#), String(try XCTUnwrap(step.scene?.modelInfo).sentence.split(separator: " ").count))
        XCTAssertEqual(try stated(prose, #"make (\d+) tokens with `\[CLS\]` and `\[SEP\]`"#), String(try XCTUnwrap(c["ids"]).tensor.count))
        let english = try stated(prose, #"where `([^`]+)` makes \d+"#)
        let count = try evaluate(try XCTUnwrap(step.scene).reading(english))["ids"]!.tensor.count
        XCTAssertEqual(try stated(prose, #"` makes (\d+)\."#), String(count))
        var smol = try XCTUnwrap(step.scene)
        smol.options["model"] = SceneOption(value: .name("smollm2"), location: smol.opLocation)
        XCTAssertTrue(try evaluate(smol)["weights[0]"]?.rowLabels?.contains("<D0>") ?? false, "a Cyrillic letter's first byte shows as <D0>")
    }
}
