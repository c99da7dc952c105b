import AttentionKernel
import XCTest
import AttnTestSupport

/// The transformer block's operations (issue 11, item 6) against the numpy fixtures written by
/// scripts/make_block_fixtures.py, each fast path beside its naive twin; then properties that
/// hold whatever the numbers, and a thrown KernelError for every shape mismatch.
final class BlockOpsTests: XCTestCase {
    private func cases(_ op: String, atLeast n: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [FixtureCase] {
        let found = try Fixtures.load("block").filter { $0.op == op }
        XCTAssertGreaterThanOrEqual(found.count, n, "block.json has too few \(op) cases: run python3 scripts/make_block_fixtures.py", file: file, line: line)
        return found
    }

    private func layout(_ c: FixtureCase) throws -> LinearLayout {
        try XCTUnwrap(LinearLayout(rawValue: c.string("layout") ?? ""), "\(c.name): layout")
    }

    // MARK: - Against numpy

    func testLinearMatchesNumpyInBothLayouts() throws {
        let all = try cases("linear", atLeast: 16)
        XCTAssertEqual(Set(all.compactMap { $0.string("layout") }), Set(LinearLayout.allCases.map(\.rawValue)))
        XCTAssertTrue(all.contains { $0.inputs["bias"] == nil } && all.contains { $0.inputs["bias"] != nil })
        for c in all {
            let x = try c.input("x"), w = try c.input("weight"), b = c.inputs["bias"], l = try layout(c)
            assertAllClose(try linear(x, weight: w, bias: b, layout: l), try c.output("y"), "linear/\(c.name)")
            assertAllClose(try linearNaive(x, weight: w, bias: b, layout: l), try c.output("y"), "linearNaive/\(c.name)")
        }
    }

    func testResidualAddMatchesNumpy() throws {
        for c in try cases("add", atLeast: 3) {
            assertAllClose(try add(try c.input("a"), try c.input("b")), try c.output("y"), "add/\(c.name)")
        }
    }

    func testActivationsMatchNumpy() throws {
        for c in try cases("activation", atLeast: 3) {
            let x = try c.input("x")
            assertAllClose(relu(x), try c.output("relu"), "relu/\(c.name)")
            assertAllClose(gelu(x), try c.output("gelu"), "gelu/\(c.name)")
            assertAllClose(gelu(x, approximation: .erf), try c.output("gelu"), "gelu erf/\(c.name)")
            assertAllClose(gelu(x, approximation: .tanh), try c.output("geluTanh"), "gelu tanh/\(c.name)")
            assertAllClose(silu(x), try c.output("silu"), "silu/\(c.name)")
            for a in Activation.allCases {
                assertAllClose(activate(x, a), try c.output(a.rawValue), "activate(\(a))/\(c.name)")
            }
        }
    }

    func testFeedForwardMatchesNumpyForEveryActivationAndLayout() throws {
        let all = try cases("feedForward", atLeast: 12)
        XCTAssertEqual(Set(all.compactMap { $0.string("activation") }), Set(Activation.allCases.map(\.rawValue)))
        for c in all {
            let x = try c.input("x"), w1 = try c.input("w1"), w2 = try c.input("w2"), l = try layout(c)
            let act = try XCTUnwrap(Activation(rawValue: c.string("activation")!))
            for (label, r) in [
                ("feedForward", try feedForward(x, w1: w1, b1: c.inputs["b1"], w2: w2, b2: c.inputs["b2"], activation: act, layout: l)),
                ("feedForwardNaive", try feedForwardNaive(x, w1: w1, b1: c.inputs["b1"], w2: w2, b2: c.inputs["b2"], activation: act, layout: l)),
            ] {
                assertAllClose(r.hidden, try c.output("hidden"), "\(label) hidden/\(c.name)")
                assertAllClose(r.activated, try c.output("activated"), "\(label) activated/\(c.name)")
                assertAllClose(r.output, try c.output("output"), "\(label) output/\(c.name)")
                XCTAssertEqual(r.hidden.shape, [x.rows, 4 * x.columns], "\(label)/\(c.name): hidden width 4·d")
            }
        }
    }

    func testSwiGLUMatchesNumpy() throws {
        for c in try cases("swiGLU", atLeast: 6) {
            let x = try c.input("x"), w1 = try c.input("w1"), w3 = try c.input("w3"), w2 = try c.input("w2"), l = try layout(c)
            for (label, r) in [("swiGLU", try swiGLU(x, w1: w1, w3: w3, w2: w2, layout: l)),
                               ("swiGLUNaive", try swiGLUNaive(x, w1: w1, w3: w3, w2: w2, layout: l))] {
                assertAllClose(r.gate, try c.output("gate"), "\(label) gate/\(c.name)")
                assertAllClose(r.up, try c.output("up"), "\(label) up/\(c.name)")
                assertAllClose(r.gated, try c.output("gated"), "\(label) gated/\(c.name)")
                assertAllClose(r.output, try c.output("output"), "\(label) output/\(c.name)")
            }
        }
    }

    func testEmbeddingMatchesNumpy() throws {
        for c in try cases("embedding", atLeast: 5) {
            let ids = try XCTUnwrap(c.ints("ids"), c.name)
            assertAllClose(try embedding(ids, table: try c.input("table")), try c.output("x"), rtol: 0, atol: 0, "embedding/\(c.name)")
        }
    }

    func testTopKMatchesNumpyWithTiesToTheLowerIndex() throws {
        for c in try cases("topK", atLeast: 10) {
            let x = try c.input("x"), k = try XCTUnwrap(c.int("k"))
            let expected = try c.output("indices")
            let expectedRows = expected.scalars.count / k
            let expectedIndices = (0..<expectedRows).map { r in (0..<k).map { Int(expected.scalars[r * k + $0]) } }
            for (label, r) in [("topK", try topK(x, k: k)), ("topKNaive", try topKNaive(x, k: k))] {
                assertAllClose(r.values, try c.output("values"), rtol: 0, atol: 0, "\(label) values/\(c.name)")
                XCTAssertEqual(r.indices, expectedIndices, "\(label) indices/\(c.name)")
            }
        }
    }

    func testLayerNormAndRMSNormWithLearnedScaleAndBiasMatchNumpy() throws {
        let layer = try cases("layerNorm", atLeast: 9), rms = try cases("rmsNorm", atLeast: 9)
        XCTAssertTrue(layer.contains { $0.inputs["gamma"] != nil && $0.inputs["beta"] != nil })
        for c in layer {
            let x = try c.input("x"), g = c.inputs["gamma"], b = c.inputs["beta"], eps = try XCTUnwrap(c.float("eps"))
            // The fast path subtracts μ rounded to Float, so its error is about ulp(μ)/(2σ)·γ: 10⁻⁶ at
            // μ = 50, σ = 2 (affine_large_mean), past the default atol; the Double twin meets it.
            assertAllClose(try layerNorm(x, gamma: g, beta: b, eps: eps), try c.output("y"), rtol: 1e-5, atol: 1e-5, "layerNorm/\(c.name)")
            assertAllClose(try layerNormNaive(x, gamma: g, beta: b, eps: eps), try c.output("y"), "layerNormNaive/\(c.name)")
        }
        for c in rms {
            let x = try c.input("x"), g = c.inputs["gamma"], eps = try XCTUnwrap(c.float("eps"))
            assertAllClose(try rmsNorm(x, gamma: g, eps: eps), try c.output("y"), "rmsNorm/\(c.name)")
            assertAllClose(try rmsNormNaive(x, gamma: g, eps: eps), try c.output("y"), "rmsNormNaive/\(c.name)")
        }
    }

    // MARK: - Properties

    func testTheTwoLayoutsHoldTheSameLayerTransposed() throws {
        let x = Tensor.normal([5, 9], seed: 1), w = Tensor.normal([9, 4], seed: 2), b = Tensor.normal([4], seed: 3)
        let lecture = try linear(x, weight: w, bias: b, layout: .inOut)
        assertAllClose(try linear(x, weight: transposed(w), bias: b, layout: .outIn), lecture, "outIn of Wᵀ = inOut of W")
        assertAllClose(try linear(x, weight: w, bias: b), lecture, ".inOut is the default")
        let noBias = try linear(x, weight: w)
        assertAllClose(lecture, try add(noBias, try Tensor(Array(repeating: b.scalars, count: 5))), "the bias is added to every row")
        assertAllClose(noBias, try matmul(x, w), "linear without bias is matmul")
    }

    func testFeedForwardActsOnEachRowAlone() throws {
        let t = 6, d = 8
        let x = Tensor.normal([t, d], seed: 4)
        let w1 = Tensor.normal([d, 4 * d], std: 0.3, seed: 5), b1 = Tensor.normal([4 * d], seed: 6)
        let w2 = Tensor.normal([4 * d, d], std: 0.2, seed: 7), b2 = Tensor.normal([d], seed: 8)
        let permutation = [3, 0, 5, 1, 4, 2]
        for act in Activation.allCases {
            let whole = try feedForward(x, w1: w1, b1: b1, w2: w2, b2: b2, activation: act)
            let permuted = try feedForward(permuteRows(x, permutation), w1: w1, b1: b1, w2: w2, b2: b2, activation: act)
            assertAllClose(permuted.hidden, permuteRows(whole.hidden, permutation), "\(act): permuting rows permutes hidden")
            assertAllClose(permuted.output, permuteRows(whole.output, permutation), "\(act): permuting rows permutes the output")
            for r in 0..<t {
                let alone = try feedForward(try Tensor([x.row(r)]), w1: w1, b1: b1, w2: w2, b2: b2, activation: act)
                assertAllClose(alone.output, try Tensor([whole.output.row(r)]), "\(act): row \(r) alone")
            }
            assertAllClose(whole.activated, activate(whole.hidden, act), "\(act): activated = σ(hidden)")
        }
        let s = try swiGLU(x, w1: w1, w3: Tensor.normal([d, 4 * d], std: 0.3, seed: 9), w2: w2)
        let sp = try swiGLU(permuteRows(x, permutation), w1: w1, w3: Tensor.normal([d, 4 * d], std: 0.3, seed: 9), w2: w2)
        assertAllClose(sp.output, permuteRows(s.output, permutation), "SwiGLU: permuting rows permutes the output")
        assertAllClose(s.gated, try Tensor(zip(silu(s.gate).matrixRows, s.up.matrixRows).map { zip($0, $1).map { $0 * $1 } }), "gated = SiLU(gate) ⊙ up")
    }

    func testActivationsAtZeroInTheTailsAndAtInfinity() throws {
        let zero = Tensor.zeros([1, 3])
        for a in Activation.allCases { XCTAssertEqual(activate(zero, a).scalars, [0, 0, 0], "\(a)(0) = 0") }
        let tails: Tensor = [-.infinity, -1e30, -80, 80, 1e30, .infinity]
        for a in Activation.allCases {
            let y = activate(tails, a)
            XCTAssertFalse(y.scalars.contains { $0.isNaN }, "\(a) of the tails: \(y.scalars)")
            XCTAssertEqual(y.scalars[0], 0, "\(a)(−∞) = 0, the limit")
            XCTAssertEqual(y.scalars[1], 0, accuracy: 1e-30, "\(a)(−10³⁰) ≈ 0")
            XCTAssertEqual(Array(y.scalars[3...]), [80, 1e30, .infinity], "\(a) is the identity far to the right")
        }
        XCTAssertTrue(relu([.nan]).scalars[0].isNaN, "ReLU keeps NaN, as PyTorch does")
        // SiLU dips below 0 to its minimum −0.278 at x ≈ −1.278; GELU to −0.170 at x ≈ −0.752.
        XCTAssertEqual(silu([-1.278_464_6]).scalars[0], -0.278_464_6, accuracy: 1e-6)
        XCTAssertEqual(gelu([-0.751_791_5]).scalars[0], -0.169_970, accuracy: 1e-5)
        // The tanh form stays within 5·10⁻⁴ of the erf form everywhere (largest near |x| ≈ 2).
        let grid = Tensor(vector: stride(from: -8, through: 8, by: 0.01).map { Float($0) })
        let gap = zip(gelu(grid, approximation: .tanh).scalars, gelu(grid).scalars).map { abs($0 - $1) }.max()!
        XCTAssertLessThan(gap, 5e-4)
        XCTAssertGreaterThan(gap, 1e-5, "the two forms are different functions")
    }

    func testTopKIndicesPointAtTheirValuesInDescendingOrder() throws {
        // Rounded normals give many ties; −∞ stands for masked logits.
        var x = Tensor.normal([7, 12], std: 2, seed: 10).map { $0.rounded() }
        x[2, 3] = -.infinity
        x[2, 7] = -.infinity
        for k in 1...x.columns {
            let r = try topK(x, k: k)
            XCTAssertEqual(r, try topKNaive(x, k: k), "topK = topKNaive at k = \(k)")
            XCTAssertEqual(r.values.shape, [7, k])
            for row in 0..<x.rows {
                let idx = r.indices[row]
                XCTAssertEqual(Set(idx).count, k, "row \(row): k distinct indices")
                for i in 0..<k { XCTAssertEqual(r.values[row, i], x[row, idx[i]], "row \(row): index \(idx[i]) points at its value") }
                for i in 1..<max(1, k) where k > 1 {
                    XCTAssertGreaterThanOrEqual(r.values[row, i - 1], r.values[row, i])
                    if r.values[row, i - 1] == r.values[row, i] { XCTAssertLessThan(idx[i - 1], idx[i], "row \(row): ties to the lower index") }
                }
                let rest = Set(0..<x.columns).subtracting(idx)
                XCTAssertTrue(rest.allSatisfy { x[row, $0] <= r.values[row, k - 1] }, "row \(row): nothing left out is larger")
            }
        }
    }

    func testTopKAgreesWithSortingOnBothSidesOfTheBufferLimit() throws {
        let x = Tensor.normal([3, 100], std: 3, seed: 13).map { $0.rounded() }
        for k in [1, 5, 32, 33, 40, 100] {
            XCTAssertEqual(try topK(x, k: k), try topKNaive(x, k: k), "k = \(k)")
        }
    }

    func testEmbeddingIsOneHotTimesTheTable() throws {
        let table = Tensor.normal([6, 5], seed: 11), ids = [5, 0, 2, 2]
        var oneHot = Tensor.zeros([ids.count, 6])
        for (t, id) in ids.enumerated() { oneHot[t, id] = 1 }
        assertAllClose(try embedding(ids, table: table), try matmul(oneHot, table), "embedding = one-hot(ids)·E")
        XCTAssertEqual(try embedding([], table: table).shape, [0, 5])
    }

    func testNormsNormaliseAndNeverGiveNaN() throws {
        let x = Tensor.normal([4, 10], mean: 7, std: 3, seed: 12)
        let y = try layerNorm(x)
        for r in 0..<4 {
            let row = y.row(r).map(Double.init), mean = row.reduce(0, +) / 10
            XCTAssertEqual(mean, 0, accuracy: 1e-5, "row \(r): mean 0")
            XCTAssertEqual(row.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 10, 1, accuracy: 1e-3, "row \(r): variance 1 (less ε)")
        }
        let z = try rmsNorm(x, eps: 0)
        for r in 0..<4 { XCTAssertEqual(z.row(r).reduce(0) { $0 + Double($1 * $1) } / 10, 1, accuracy: 1e-5, "row \(r): RMS 1") }
        // ε = 0 on a constant row: x − μ is 0, so LayerNorm gives β and RMSNorm of zeros gives 0, never NaN.
        let constant = Tensor(shape: [2, 3], repeating: 4), beta: Tensor = [1, -2, 0.5]
        for f in [layerNorm, layerNormNaive] {
            XCTAssertEqual(try f(constant, nil, beta, 0).scalars, [1, -2, 0.5, 1, -2, 0.5])
        }
        for f in [rmsNorm, rmsNormNaive] { XCTAssertEqual(try f(Tensor.zeros([2, 3]), nil, 0).scalars, [0, 0, 0, 0, 0, 0]) }
        // The fast path keeps the variance when the mean is large (two passes, not E[x²] − E[x]²).
        let shifted = x.map { $0 + 1000 }
        assertAllClose(try layerNorm(shifted), try layerNormNaive(shifted), rtol: 1e-3, atol: 1e-3, "layerNorm at mean 1000")
    }

    // MARK: - Every shape mismatch is a KernelError naming the op and the shapes

    func testLinearAndAddRefuseMismatchedShapes() {
        let x = Tensor.zeros([3, 5])
        assertThrows(try linear(Tensor.zeros([5]), weight: Tensor.zeros([5, 2])), "linear", ["x (T, in)", "(5,)"])
        assertThrows(try linear(x, weight: Tensor.zeros([5])), "linear", ["weight", "(5,)"])
        assertThrows(try linear(x, weight: Tensor.zeros([2, 5, 1])), "linear", ["(2, 5, 1)"])
        assertThrows(try linear(x, weight: Tensor.zeros([4, 2])), "linear", ["(3, 5)", "(4, 2)", "(in, out)", "in = 4"])
        assertThrows(try linear(x, weight: Tensor.zeros([5, 2]), layout: .outIn), "linear", ["(3, 5)", "(5, 2)", "(out, in)", "in = 2"])
        assertThrows(try linear(x, weight: Tensor.zeros([5, 2]), bias: Tensor.zeros([5])), "linear", ["bias (5,)", "(2,)"])
        assertThrows(try linear(x, weight: Tensor.zeros([2, 5]), bias: Tensor.zeros([1, 2]), layout: .outIn), "linear", ["bias (1, 2)", "(2,)"])
        assertThrows(try linearNaive(x, weight: Tensor.zeros([4, 2])), "linear", ["(3, 5)", "(4, 2)"])
        var bad = x
        bad[1, 2] = .nan
        assertThrows(try linear(bad, weight: Tensor.zeros([5, 2])), "linear", ["non-finite", "x (3, 5)"])
        assertThrows(try linear(x, weight: Tensor(shape: [5, 2], repeating: .infinity)), "linear", ["non-finite", "weight"])
        assertThrows(try add(x, Tensor.zeros([5, 3])), "add", ["(3, 5)", "(5, 3)"])
        assertThrows(try add(x, Tensor.zeros([15])), "add", ["(3, 5)", "(15,)"])
    }

    func testFeedForwardAndSwiGLURefuseMismatchedShapes() {
        let x = Tensor.zeros([2, 4]), w1 = Tensor.zeros([4, 16]), w2 = Tensor.zeros([16, 4])
        XCTAssertNoThrow(try feedForward(x, w1: w1, b1: Tensor.zeros([16]), w2: w2, b2: Tensor.zeros([4])))
        assertThrows(try feedForward(Tensor.zeros([4]), w1: w1, w2: w2), "feedForward", ["(4,)"])
        assertThrows(try feedForward(x, w1: Tensor.zeros([5, 16]), w2: w2), "feedForward", ["w1 (5, 16)", "(2, 4)"])
        assertThrows(try feedForward(x, w1: w1, b1: Tensor.zeros([4]), w2: w2), "feedForward", ["b1 (4,)", "(16,)"])
        assertThrows(try feedForward(x, w1: w1, w2: Tensor.zeros([15, 4])), "feedForward", ["w2 (15, 4)", "16"])
        assertThrows(try feedForward(x, w1: w1, w2: Tensor.zeros([16, 3])), "feedForward", ["w2 (16, 3)", "H = 16", "d = 4"])
        assertThrows(try feedForward(x, w1: w1, w2: w2, b2: Tensor.zeros([16])), "feedForward", ["b2 (16,)", "(4,)"])
        assertThrows(try feedForward(x, w1: w1, w2: w2, layout: .outIn), "feedForward", ["w1 (4, 16)", "(out, in)"])
        assertThrows(try feedForwardNaive(x, w1: w1, w2: Tensor.zeros([16, 3])), "feedForward", ["w2 (16, 3)"])

        XCTAssertNoThrow(try swiGLU(x, w1: w1, w3: w1, w2: w2))
        assertThrows(try swiGLU(x, w1: Tensor.zeros([3, 16]), w3: w1, w2: w2), "swiGLU", ["w1 (3, 16)", "(2, 4)"])
        assertThrows(try swiGLU(x, w1: w1, w3: Tensor.zeros([4, 15]), w2: w2), "swiGLU", ["w3 (4, 15)", "w1 (4, 16)"])
        assertThrows(try swiGLU(x, w1: w1, w3: w1, w2: Tensor.zeros([8, 4])), "swiGLU", ["w2 (8, 4)", "16"])
        assertThrows(try swiGLU(x, w1: w1, w3: w1, w2: Tensor.zeros([16, 5])), "swiGLU", ["w2 (16, 5)", "d = 4"])
        assertThrows(try swiGLU(x, w1: w1, w3: w1, w2: w2, layout: .outIn), "swiGLU", ["w1 (4, 16)", "(out, in)"])
        assertThrows(try swiGLUNaive(x, w1: w1, w3: Tensor.zeros([16, 4]), w2: w2), "swiGLU", ["w3 (16, 4)"])
    }

    func testEmbeddingTopKAndNormsRefuseBadInput() {
        let table = Tensor.zeros([5, 3])
        assertThrows(try embedding([0, 5], table: table), "embedding", ["id 5", "position 1", "0..<5", "(5, 3)"])
        assertThrows(try embedding([-1], table: table), "embedding", ["id -1", "position 0"])
        assertThrows(try embedding([0], table: Tensor.zeros([5])), "embedding", ["(V, d)", "(5,)"])

        let x = Tensor.zeros([2, 4])
        assertThrows(try topK(x, k: 0), "topK", ["k = 0", "(2, 4)", "C = 4"])
        assertThrows(try topK(x, k: 5), "topK", ["k = 5", "(2, 4)"])
        assertThrows(try topKNaive(x, k: 5), "topK", ["k = 5"])
        assertThrows(try topK(Tensor(scalar: 1), k: 1), "topK", ["scalar"])
        assertThrows(try topK([1, .nan, 2], k: 1), "topK", ["NaN", "flat index 1"])

        let gammaWrong = Tensor.zeros([3]), betaWrong = Tensor.zeros([2, 4])
        for (op, f) in [("layerNorm", layerNorm), ("layerNorm", layerNormNaive)] as [(String, (Tensor, Tensor?, Tensor?, Float) throws -> Tensor)] {
            assertThrows(try f(x, gammaWrong, nil, 1e-5), op, ["gamma (3,)", "(4,)", "(2, 4)"])
            assertThrows(try f(x, nil, betaWrong, 1e-5), op, ["beta (2, 4)", "(4,)"])
            assertThrows(try f(x, Tensor(shape: [4], repeating: .nan), nil, 1e-5), op, ["gamma", "non-finite"])
            assertThrows(try f(x, nil, nil, -1), op, ["eps"])
            assertThrows(try f(Tensor.zeros([2, 0]), nil, nil, 1e-5), op, ["(2, 0)"])
        }
        for f in [rmsNorm, rmsNormNaive] {
            assertThrows(try f(x, gammaWrong, 1e-6), "rmsNorm", ["gamma (3,)", "(4,)"])
            assertThrows(try f(x, Tensor(shape: [4], repeating: .infinity), 1e-6), "rmsNorm", ["gamma", "non-finite"])
            assertThrows(try f(x, nil, .nan), "rmsNorm", ["eps"])
        }
    }

    // MARK: - Helpers

    private func assertThrows(_ expression: @autoclosure () throws -> Any, _ operation: String, _ parts: [String], file: StaticString = #filePath, line: UInt = #line) {
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

    private func transposed(_ m: Tensor) -> Tensor {
        var t = Tensor.zeros([m.columns, m.rows])
        for i in 0..<m.rows { for j in 0..<m.columns { t[j, i] = m[i, j] } }
        return t
    }

    private func permuteRows(_ m: Tensor, _ order: [Int]) -> Tensor {
        try! Tensor(order.map { m.row($0) })
    }
}
