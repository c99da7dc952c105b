import XCTest
@testable import LessonEngine

/// Scenes that chain stages: bindings to earlier results, names from keys, memoised stages.
final class StagedSceneTests: XCTestCase {
    private let yaml = """
        tokens: [a, b, c]
        tensors:
          X: {embed: tokens, dim: 4, seed: 1}
        stages:
          - {name: attn, op: multiHead, x: X, numHeads: 2}
          - {name: again, op: multiHead, x: attn.output, numHeads: 2, seed: 5}
        controls:
          - {param: again.seed, min: 0, max: 9}
        """

    func testAStageReadsAnEarlierStagesOutput() throws {
        let s = try scene(yaml)
        XCTAssertEqual(s.stages.map(\.name), ["attn", "again"])
        let computed = try evaluate(s)
        XCTAssertNotNil(computed["attn.weights[1]"])
        XCTAssertNotNil(computed["again.output"])
        XCTAssertEqual(computed.tensors.filter { $0.name == "X" }.count, 1, "a declared input is recorded once")
        XCTAssertNil(computed["again.attn.output"], "an earlier result is not recorded again by the stage that reads it")
        // The second stage's input is exactly the first stage's output.
        let direct = try evaluate(try scene("tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 1}\nop: multiHead\nnumHeads: 2"))
        XCTAssertEqual(computed["attn.output"]?.tensor, direct["output"]?.tensor)
        XCTAssertEqual(computed[key: ResultKey(stage: "attn", name: "weights", head: 1)]?.role, .weights)
    }

    func testAStageOptionIsSetAsStageDotOption() throws {
        let s = try scene(yaml)
        let a = try evaluate(s, parameters: ["again.seed": .number(7)])
        let b = try evaluate(s, overrides: ["again.seed": 7])
        XCTAssertEqual(a["again.output"]?.tensor, b["again.output"]?.tensor)
        XCTAssertNotEqual(a["again.output"]?.tensor, try evaluate(s)["again.output"]?.tensor)
        XCTAssertThrowsError(try evaluate(s, parameters: ["again.bogus": .number(1)]))
    }

    func testAChangeRecomputesOnlyTheStagesDownstream() throws {
        let s = try scene(yaml)
        _ = try evaluate(s, overrides: ["again.seed": 1])
        let before = StageMemo.shared.counts
        _ = try evaluate(s, overrides: ["again.seed": 2])
        let after = StageMemo.shared.counts
        XCTAssertEqual(after.hits - before.hits, 1, "the first stage is found, not recomputed")
        XCTAssertEqual(after.misses - before.misses, 1, "only the stage whose option changed runs")
    }

    func testAStageReadingAnUnknownResultIsAnErrorAtItsLine() {
        let source = "---\ntitle: t\n---\n## s\n```scene\n" + yaml.replacingOccurrences(of: "x: attn.output", with: "x: atn.output") + "\n```\n"
        let diagnostics = validate(source: source, file: "t.md")
        XCTAssertTrue(diagnostics.contains { $0.message.contains("neither a declared tensor nor an earlier stage's result") }, "\(diagnostics)")
    }
}
