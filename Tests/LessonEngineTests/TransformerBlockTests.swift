import AttentionKernel
import XCTest
import AttnTestSupport
@testable import LessonEngine

/// The block ops are stages run through the memo: the same numbers as the stages written out.
final class TransformerBlockTests: XCTestCase {
    private let tokens = "tokens: [the, cat, sat, on, the, mat]\ntensors:\n  X: {embed: tokens, dim: 8, seed: 21}\n"

    func testAPostLNBlockIsItsStagesWrittenOut() throws {
        let block = try evaluate(try scene(tokens + "op: encoderBlock\nnumHeads: 2\nhiddenDim: 32\nffnType: relu"))
        let written = try evaluate(try scene(tokens + """
            stages:
              - {name: attn, op: multiHead, x: X, numHeads: 2, headDim: 4, seed: 0}
              - {name: add1, op: add, a: X, b: attn.output}
              - {name: norm1, op: layerNorm, x: add1.output}
              - {name: ffn, op: ffn, x: norm1.output, activation: relu, hiddenDim: 32, seed: 50}
              - {name: add2, op: add, a: norm1.output, b: ffn.output}
              - {name: norm2, op: layerNorm, x: add2.output}
            """))
        for name in ["attn.weights[1]", "norm1.output", "ffn.activated", "norm2.output"] {
            let a = try XCTUnwrap(block[name], name), b = try XCTUnwrap(written[name], name)
            assertAllClose(a.tensor.scalars, b.tensor.scalars, name)
        }
        assertAllClose(try XCTUnwrap(block["output"]).tensor.scalars, try XCTUnwrap(written["norm2.output"]).tensor.scalars, "output")
        // LayerNorm after the last addition: every output row has mean 0 and variance 1.
        let out = try XCTUnwrap(block["output"]).tensor
        for r in 0..<out.rows {
            let row = out.row(r), m = row.reduce(0, +) / Float(row.count)
            XCTAssertEqual(m, 0, accuracy: 1e-5)
            XCTAssertEqual(row.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Float(row.count), 1, accuracy: 1e-3)
        }
    }

    func testPreLNAddsToTheStreamWithoutNormalisingIt() throws {
        let block = try evaluate(try scene(tokens + "op: encoderBlock\nnorm: pre\nnumHeads: 2\nfollow: cat"))
        let x = try XCTUnwrap(block["X"]).tensor, out = try XCTUnwrap(block["output"]).tensor
        let attn = try XCTUnwrap(block["attn.output"]).tensor, ffn = try XCTUnwrap(block["ffn.output"]).tensor
        assertAllClose(out.scalars, zip(x.scalars, zip(attn.scalars, ffn.scalars)).map { $0 + $1.0 + $1.1 }, rtol: 1e-5, atol: 1e-5, "x + attn + ffn")
        let stream = try XCTUnwrap(block["stream"])
        XCTAssertEqual(stream.rowLabels, ["x", "norm1", "add1", "norm2", "add2"])
        XCTAssertEqual(stream.tensor.row(4), out.row(1), "the stream follows 'cat' (row 1)")
    }

    func testFollowingAnotherTokenRecomputesNoStage() throws {
        let s = try scene(tokens + "op: encoderBlock\nlayers: 6\nnumHeads: 2\ncontrols:\n  - {param: follow, min: 0, max: 5}")
        _ = try evaluate(s, overrides: ["follow": 0])
        let before = StageMemo.shared.counts
        let moved = try evaluate(s, overrides: ["follow": 3])
        let after = StageMemo.shared.counts
        // The block itself reads `follow`, so it runs; its 36 stages are all found.
        XCTAssertEqual(after.hits - before.hits, 36)
        XCTAssertEqual(after.misses - before.misses, 1)
        XCTAssertNotNil(moved["layer5.attn.weights[0]"])
        XCTAssertEqual(moved.tensors.first { $0.key == ResultKey(stage: "norm2", name: "output", layer: 5) }?.name, "layer5.norm2.output")
    }

    func testNormsOnTheSameVector() throws {
        let computed = try evaluate(try scene("tokens: [x]\ntensors:\n  v: [[2, 4, 6, 8]]\nstages:\n  - {name: ln, op: layerNorm, x: v}\n  - {name: rms, op: rmsNorm, x: v}"))
        XCTAssertEqual(computed["ln.output"]!.tensor[0, 0], -3 / Float(5 + 1e-5).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(computed["rms.rms"]!.tensor.scalars[0], Float(30).squareRoot(), accuracy: 1e-5)
        XCTAssertEqual(computed["rms.output"]!.tensor[0, 0], 2 / Float(30 + 1e-6).squareRoot(), accuracy: 1e-5)
    }
}
