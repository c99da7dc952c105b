@testable import AttentionKernel
import XCTest

/// Bad input gets a thrown KernelError naming the operation and the shapes, never a trap.
final class KernelErrorTests: XCTestCase {
    private func assertThrows(_ expression: @autoclosure () throws -> Any, operation: String, mentions parts: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try expression()
            XCTFail("expected \(operation) to throw", file: file, line: line)
        } catch let e as KernelError {
            XCTAssertEqual(e.operation, operation, "\(e)", file: file, line: line)
            for p in parts { XCTAssertTrue(e.description.contains(p), "'\(e)' should mention '\(p)'", file: file, line: line) }
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
    }

    func testShapeMismatchesNameOperationAndShapes() throws {
        let a = Tensor.zeros([2, 3]), b = Tensor.zeros([4, 5])
        assertThrows(try matmul(a, b), operation: "matmul", mentions: ["(2, 3)", "(4, 5)"])
        assertThrows(try scaledDotProductAttention(q: a, k: b, v: b), operation: "scaledDotProductAttention", mentions: ["(2, 3)", "(4, 5)"])
        assertThrows(try scaledDotProductAttention(q: a, k: a, v: b), operation: "scaledDotProductAttention", mentions: ["(4, 5)"])
        assertThrows(try scaledDotProductAttention(q: a, k: a, v: a, mask: .causal(queries: 3, keys: 3)), operation: "scaledDotProductAttention", mentions: ["3×3"])
        assertThrows(try Tensor(shape: [2, 2], scalars: [1, 2, 3]), operation: "Tensor", mentions: ["(2, 2)", "3"])
        assertThrows(try Tensor([[1, 2], [3]]), operation: "Tensor", mentions: ["row 1"])
        assertThrows(try hardRead(query: [1, 0], keys: Tensor.zeros([3, 3]), values: Tensor.zeros([3, 1])), operation: "hardRead", mentions: ["(2,)", "(3, 3)"])
    }

    func testNonFiniteValuesAreRefused() throws {
        var q = Tensor.normal([2, 4], seed: 1)
        q[0, 1] = .nan
        assertThrows(try scaledDotProductAttention(q: q, k: q, v: q), operation: "scaledDotProductAttention", mentions: ["non-finite", "(2, 4)"])
        assertThrows(try softmax(try Tensor([[1, .infinity]])), operation: "softmax", mentions: ["inf"])
        assertThrows(try softmax(try Tensor([[1, 2]]), temperature: 0), operation: "softmax", mentions: ["temperature"])
        assertThrows(try logitSoftcap(Tensor.zeros([2]), cap: -1), operation: "logitSoftcap", mentions: ["-1"])
    }

    /// The vectorised check scans blocks of 4096 floats: a bad value first, last, on either side of
    /// a block edge, or alone in a long tensor is found at its own index, the first one wins, and a
    /// finite tensor (with the largest finite floats) or an empty one passes.
    func testNonFiniteValuesAreFoundWhereverTheyAre() throws {
        for (count, index, value) in [(1, 0, Float.nan), (5000, 4095, .infinity), (5000, 4096, -.infinity),
                                      (12289, 12288, .nan), (9000, 0, .infinity), (8192, 8191, -.nan)] {
            var t = Tensor.zeros([count])
            t[index] = value
            assertThrows(try t.requireFinite("x", in: "test"), operation: "test", mentions: ["at flat index \(index)"])
        }
        var two = Tensor.zeros([9000])
        two[7000] = .nan
        two[8000] = .infinity
        assertThrows(try two.requireFinite("x", in: "test"), operation: "test", mentions: ["at flat index 7000"])
        XCTAssertNoThrow(try Tensor(shape: [3, 3000], repeating: Float.greatestFiniteMagnitude).requireFinite("x", in: "test"))
        XCTAssertNoThrow(try Tensor(shape: [4097], repeating: -Float.greatestFiniteMagnitude).requireFinite("x", in: "test"))
        XCTAssertNoThrow(try Tensor.zeros([0]).requireFinite("x", in: "test"))
    }

    /// The tiled path checks its inputs while it packs, on every worker; it refuses the same value
    /// with the same words as the paths that check first (the first bad input in q, k, v order, its
    /// first flat index).
    func testEveryAttentionPathRefusesTheSameNonFiniteValue() throws {
        let q = Tensor.normal([3, 40, 16], seed: 1), k = Tensor.normal([3, 40, 16], seed: 2), v = Tensor.normal([3, 40, 8], seed: 3)
        for (input, index, value) in [(0, 0, Float.nan), (1, 2 * 640 + 17, .infinity), (2, 3 * 320 - 1, -.infinity), (1, 700, .nan)] {
            var bad = [q, k, v]
            bad[input][index] = value
            if input == 1 { bad[2][5] = .nan }         // a later input's bad value is not the one named
            let want = "\(["q", "k", "v"][input]) \(formatShape(bad[input].shape)) has a non-finite value \(value) at flat index \(index)"
            for path in AttentionPath.allCases {
                for threads in [1, 2] {
                    XCTAssertThrowsError(try attentionHeads(q: bad[0], k: bad[1], v: bad[2], causal: false, path: path, threads: threads)) { error in
                        XCTAssertTrue("\(error)".contains(want), "\(path) ×\(threads): \(error)")
                    }
                }
            }
        }
    }

    func testRoPEHeadsAndEmptySequences() throws {
        assertThrows(try applyRoPE(Tensor.zeros([3, 5])), operation: "rope", mentions: ["even", "d = 5"])
        assertThrows(try MultiHeadWeights.random(dModel: 8, numHeads: 4, numKVHeads: 3, headDim: 2, seed: 0), operation: "multiHeadAttention", mentions: ["numKVHeads = 3", "numHeads = 4"])
        assertThrows(try scaledDotProductAttention(q: Tensor.zeros([0, 4]), k: Tensor.zeros([2, 4]), v: Tensor.zeros([2, 4])), operation: "scaledDotProductAttention", mentions: ["empty", "(0, 4)"])
        assertThrows(try sinusoidalEncoding(length: 0, dim: 4), operation: "sinusoidalEncoding", mentions: ["length 0"])
        assertThrows(try alibiSlopes(numHeads: 0), operation: "alibiSlopes", mentions: ["0"])
        assertThrows(try KVCache(keyDim: 2, valueDim: 2).attend(query: [1, 0]), operation: "KVCache.attend", mentions: ["empty"])
        assertThrows(try AttentionMask.slidingWindow(queries: 3, keys: 3, width: 0), operation: "AttentionMask.slidingWindow", mentions: ["width"])
        assertThrows(try attentionHeads(q: Tensor.zeros([2, 3, 4]), k: Tensor.zeros([3, 3, 4]), v: Tensor.zeros([3, 3, 4]), causal: false, path: .blas), operation: "attentionHeads", mentions: ["(2, 3, 4)", "(3, 3, 4)"])
    }
}
