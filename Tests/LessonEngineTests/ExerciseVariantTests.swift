import XCTest
@testable import LessonEngine

/// Variants: the same seed gives the same numbers, another seed other numbers, literals stay.
final class ExerciseVariantTests: XCTestCase {
    func testSeedsAreStableAndDistinct() throws {
        let s = try scene("tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 1}\n  W_Q: {random: normal, shape: [4, 2], seed: 2}\n  W_K: {random: uniform, shape: [4, 2], seed: 3}\n  W_V: [[1, 0], [0, 1], [1, 1], [0, 0]]\nop: attention")
        let a = try evaluate(sceneVariant(s, seed: 7)), b = try evaluate(sceneVariant(s, seed: 7))
        let c = try evaluate(sceneVariant(s, seed: 8)), original = try evaluate(s)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a["weights"], c["weights"])
        XCTAssertNotEqual(a["weights"], original["weights"])
        XCTAssertEqual(a["W_V"], original["W_V"], "literal tensors are the lesson's point and stay")
        XCTAssertNotEqual(a["W_Q"], a["W_K"].map { $0 }, "tensors stay independent")
    }

    func testMultiHeadWeightsFollowTheSeed() throws {
        let s = try scene("tokens: [a, b]\ntensors:\n  X: [[1, 0], [0, 1]]\nop: multiHead\nnumHeads: 2\nheadDim: 1")
        XCTAssertNotEqual(try evaluate(sceneVariant(s, seed: 1))["output"], try evaluate(s)["output"])
    }

    /// `--seed` re-draws the weights of every op with a `seed` of its own, in every stage, so
    /// two students of the transformer block lesson do not share its FFN and attention weights.
    func testOperationWeightsFollowTheSeedInEveryStage() throws {
        let single = try scene("tokens: [a, b]\ntensors:\n  X: [[1, 0], [0, 1]]\nop: ffn\nhiddenDim: 4\nseed: 3")
        XCTAssertNotEqual(try evaluate(sceneVariant(single, seed: 1))["output"], try evaluate(single)["output"])
        let staged = try scene("""
        tokens: [a, b]
        tensors:
          X: [[1, 0], [0, 1]]
        stages:
          - {name: f1, op: ffn, x: X, hiddenDim: 4, seed: 3}
          - {name: f2, op: ffn, x: X, hiddenDim: 4, seed: 3}
        """)
        let original = try evaluate(staged), varied = try evaluate(sceneVariant(staged, seed: 1))
        XCTAssertNotEqual(varied["f1.output"], original["f1.output"])
        XCTAssertNotEqual(varied["f1.output"], varied["f2.output"], "each stage gets a seed of its own")
        XCTAssertEqual(varied, try evaluate(sceneVariant(staged, seed: 1)), "and the same N gives the same numbers")
    }

    func testStudentSeedIsFNV1aOfTheTrimmedLowercasedName() {
        XCTAssertEqual(studentSeed(" Ada "), studentSeed("ada"))
        XCTAssertNotEqual(studentSeed("ada"), studentSeed("alan"))
        // FNV-1a 64 of "ada" is fixed on every machine; reduced into the seed range.
        XCTAssertEqual(studentSeed("ada"), stableHash("ada") % UInt64(Int32.max))
        XCTAssertEqual(stableHash(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(stableHash("a"), 0xaf63_dc4c_8601_ec8c)
    }
}
