import AttentionKernel
import Foundation
import XCTest
import AttnTestSupport
@testable import LessonEngine

/// What the lessons' prose claims, checked on the lessons' own scenes.
///
/// Each test loads a real file from `Lessons/`, evaluates the step's scene through the engine and
/// asserts the claim. A number the prose states is read from the prose itself (`stated`) and
/// compared with the computed value at the prose's own precision, so a scene change that makes
/// the prose stale fails here. Expected values are never typed in: they come from the scene, or
/// from the formula the prose gives, computed independently of the kernel.
final class LessonClaimsTests: XCTestCase {

    // MARK: 01-hard-read

    func testHardReadReturnsTheFirstMatchWhereADictWouldReturnTheLast() throws {
        let step = try self.step("hard-read", "Two equal keys")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let matches = try values(c, "matches")
        let first = try XCTUnwrap(matches.firstIndex { $0 == 1 })
        let last = try XCTUnwrap(matches.lastIndex { $0 == 1 })
        XCTAssertLessThan(first, last, "the step needs two matching keys")
        XCTAssertEqual(try values(c, "weights"), (0..<matches.count).map { $0 == first ? 1 : 0 })
        let v = try tensor(c, "V")
        XCTAssertEqual(try values(c, "output"), v.row(first))
        XCTAssertNotEqual(v.row(first), v.row(last), "first and last match must differ for the point to show")
        let prose = flat(step.prose)
        let firstValue = try stated(prose, #"returns the \*\*first\*\* match, `[^`]+`'s value \$\(([^)]*)\)\$"#)
        assertStated(firstValue, v.row(first), "the first match's value")
        let lastValue = try stated(prose, #"gives the \*\*last\*\* value written, \$\(([^)]*)\)\$"#)
        assertStated(lastValue, v.row(last), "a dict's last value written")
    }

    func testTheNoMatchQueryIsAlmostAKeyAndMatchesNothing() throws {
        let step = try self.step("hard-read", "No match")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let q = try values(c, "q")
        let k = try tensor(c, "K")
        XCTAssertEqual(try values(c, "matches"), [Float](repeating: 0, count: k.rows))
        let prose = flat(step.prose)
        assertStated(try stated(prose, #"Change the query to \$q = \(([^)]*)\)\$"#), q, "the query")
        let named = try stated(prose, #"almost ([a-z]+)'s key \$\(([^)]*)\)\$"#, groups: 2)
        let index = try XCTUnwrap(step.scene?.tokens.firstIndex(of: named[0]))
        assertStated(named[1], k.row(index), "the nearly matching key")
        // "Almost": that key is the nearest one, and closer than a tenth of the query's length.
        let distances = (0..<k.rows).map { distance(q, k.row($0)) }
        XCTAssertEqual(distances.firstIndex(of: distances.min()!), index)
        XCTAssertLessThan(distances[index], 0.2 * norm(q))
    }

    func testTheSoftReadsQueryIsTheOneTheExactReadsMissed() throws {
        let soft = try evaluate(try XCTUnwrap(step("soft-read", "Similarity instead of equality").scene))
        let hard = try evaluate(try XCTUnwrap(step("hard-read", "No match").scene))
        let avg = try evaluate(try XCTUnwrap(step("avg-read", "Still nothing").scene))
        XCTAssertEqual(try values(hard, "q"), try values(soft, "q"))
        XCTAssertEqual(try values(avg, "q"), try values(soft, "q"))
        XCTAssertEqual(try values(hard, "matches").reduce(0, +), 0)
        XCTAssertEqual(try values(avg, "matches").reduce(0, +), 0)
        XCTAssertNil(hard["output"])
        XCTAssertNil(avg["output"])
    }

    // MARK: 02-avg-read

    func testAverageReadWeightsAreOneOverTheMatches() throws {
        for (title, pattern) in [("Averaging the matches", #"each gets weight \$([0-9/]+)\$"#),
                                 ("Three matches", #"each weight is \$([0-9/]+)\$"#)] {
            let step = try self.step("avg-read", title)
            let c = try evaluate(try XCTUnwrap(step.scene))
            let matches = try values(c, "matches")
            let m = matches.reduce(0, +)
            let weights = try values(c, "weights")
            for (w, match) in zip(weights, matches) { XCTAssertEqual(w, match / m, accuracy: 1e-6, title) }
            assertStated(try stated(flat(step.prose), pattern), [1 / m], title)
        }
    }

    // MARK: 03-soft-read

    func testSoftReadWeightsAsStated() throws {
        let step = try self.step("soft-read", "Similarity instead of equality")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let w = try values(c, "weights")
        let s = try stated(flat(step.prose), #"gives cat weight \$([0-9.]+)\$ and dog \$([0-9.]+)\$"#, groups: 2)
        assertStated(s[0], [w[0]], "cat's weight")
        assertStated(s[1], [w[1]], "dog's weight")
    }

    func testNegativeScoresGiveWeightsOutsideZeroOneAndAnOutputOutsideTheValues() throws {
        let c = try evaluate(try XCTUnwrap(step("soft-read", "Dot products can be negative").scene))
        let w = try values(c, "weights")
        XCTAssertGreaterThan(w.max()!, 1)
        XCTAssertLessThan(w.min()!, 0)
        let v = try tensor(c, "V"), out = try values(c, "output")
        let outside = (0..<v.columns).contains { j in
            let column = (0..<v.rows).map { v[$0, j] }
            return out[j] < column.min()! || out[j] > column.max()!
        }
        XCTAssertTrue(outside, "output \(out) lies inside the values' range")
    }

    func testScoresThatSumToZeroLeaveNoWeights() throws {
        let step = try self.step("soft-read", "When the weights sum to zero")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let prose = flat(step.prose)
        assertStated(try stated(prose, #"the\s+dot products are \$([-0-9., ]+)\$"#), try values(c, "scores"), "the dot products")
        assertStated(try stated(prose, #"With \$q = \(([^)]*)\)\$"#), try values(c, "q"), "the query")
        let keys = try stated(prose, #"keys \$\(([^)]*)\)\$, \$\(([^)]*)\)\$, \$\(([^)]*)\)\$"#, groups: 3)
        let k = try tensor(c, "K")
        for (i, key) in keys.enumerated() { assertStated(key.replacingOccurrences(of: "−", with: "-"), k.row(i), "key \(i)") }
        XCTAssertEqual(try values(c, "weightSum"), [0])
        XCTAssertNil(c["weights"])
        XCTAssertNil(c["output"])
    }

    func testTemperatureGoesFromTheArgmaxToTheAverage() throws {
        let scene = try XCTUnwrap(step("soft-read", "Temperature: from hard to average").scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "temperature" })
        let cold = try values(try evaluate(scene, overrides: ["temperature": control.min]), "weights")
        let scores = try values(try evaluate(scene), "scores")
        XCTAssertEqual(cold.firstIndex(of: cold.max()!), scores.firstIndex(of: scores.max()!))
        XCTAssertGreaterThan(cold.max()!, 0.99, "at the smallest τ the argmax takes almost all the weight")
        var spreads: [Float] = []
        for tau in [control.min, 1, 5, control.max] {
            let w = try values(try evaluate(scene, overrides: ["temperature": tau]), "weights")
            spreads.append(w.max()! - w.min()!)
        }
        XCTAssertEqual(spreads, spreads.sorted(by: >), "weights flatten as τ grows")
        XCTAssertLessThan(spreads.last!, 0.05, "at the largest τ the weights are nearly uniform")
    }

    func testTiedTopScoresGoToTheAverageOfTheTiedKeysAsTauGoesToZero() throws {
        let step = try self.step("soft-read", "Ties")
        let scene = try XCTUnwrap(step.scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "temperature" })
        let scores = try values(try evaluate(scene), "scores")
        let top = scores.max()!
        let tied = scores.indices.filter { scores[$0] == top }
        XCTAssertEqual(tied.count, 2)
        let prose = flat(step.prose)
        let names = try stated(prose, #"Here `([^`]+)` and `([^`]+)` tie"#, groups: 2)
        XCTAssertEqual(tied.map { scene.tokens[$0] }, names)
        assertStated(try stated(prose, #"both score \$q \\cdot k = ([0-9.]+)\$"#), [top], "the tied score")
        for tau in controlPositions(control) {
            let w = try values(try evaluate(scene, overrides: ["temperature": tau]), "weights")
            XCTAssertEqual(w[tied[0]], w[tied[1]], accuracy: 1e-6, "τ = \(tau): tied keys always share equally")
        }
        let c = try evaluate(scene, overrides: ["temperature": control.min])
        let w = try values(c, "weights")
        let each = try stated(prose, #"each gets \$([0-9.]+)\$"#)
        for k in tied { assertStated(each, [w[k]], "\(scene.tokens[k])'s weight at the smallest τ") }
        // The average read of the tied keys, not the first match.
        let v = try tensor(c, "V"), out = try values(c, "output")
        for j in 0..<v.columns {
            let avg = tied.map { v[$0, j] }.reduce(0, +) / Float(tied.count)
            XCTAssertEqual(out[j], avg, accuracy: 1e-3)
            XCTAssertNotEqual(out[j], v[tied[0], j], accuracy: 1e-3)
        }
    }

    // MARK: 04-scaled-dot-product

    func testXXtDiagonalIsOftenButNotAlwaysTheLargest() throws {
        let step = try self.step("scaled-dot-product", "XXᵀ")
        let scene = try XCTUnwrap(step.scene)
        let c = try evaluate(scene)
        let s = try tensor(c, "scores"), x = try tensor(c, "Q")   // q: X, so Q is X itself
        XCTAssertEqual(x, try tensor(c, "K"))
        let prose = flat(step.prose)
        let claim = try stated(prose, #"row `([^`]+)` scores key `([^`]+)` ([0-9.]+), above its own ([0-9.]+)"#, groups: 4)
        let i = try XCTUnwrap(scene.tokens.firstIndex(of: claim[0])), j = try XCTUnwrap(scene.tokens.firstIndex(of: claim[1]))
        assertStated(claim[2], [s[i, j]], "x_\(i)·x_\(j)")
        assertStated(claim[3], [s[i, i]], "x_\(i)·x_\(i)")
        XCTAssertGreaterThan(s[i, j], s[i, i])
        // The reason given: |x_j| cos θ > |x_i|.
        let cosine = s[i, j] / (norm(x.row(i)) * norm(x.row(j)))
        XCTAssertGreaterThan(norm(x.row(j)) * cosine, norm(x.row(i)))
        let w = try tensor(c, "weights")
        let weights = try stated(prose, #"more weight \(([0-9.]+)\) than\s+itself \(([0-9.]+)\)"#, groups: 2)
        assertStated(weights[0], [w[i, j]], "w_\(i)\(j)")
        assertStated(weights[1], [w[i, i]], "w_\(i)\(i)")
        // "The other three rows do peak on the diagonal."
        XCTAssertTrue(prose.contains("The other three rows do peak on the diagonal"))
        let others = (0..<s.rows).filter { $0 != i }
        XCTAssertEqual(others.count, 3)
        for r in others { XCTAssertEqual(argmax(s.row(r)), r, "row \(r)") }
        // Symmetric, and the scene's scale is 1/√d with the d the prose states.
        assertAllClose(s.scalars, transposed(s).scalars, "XXᵀ is symmetric")
        let d = try stated(prose, #"with \$d = ([0-9]+)\$"#)
        XCTAssertEqual(Double(d), Double(x.columns))
        XCTAssertEqual(try values(c, "scaled")[1], s.scalars[1] / sqrt(Float(x.columns)), accuracy: 1e-6)
        // The forum's unscaled version, at scale 1, leans on that key even harder.
        let forum = try tensor(try evaluate(scene, overrides: ["scale": 1]), "weights")
        XCTAssertGreaterThan(forum[i, j], w[i, j])
        XCTAssertEqual(try values(try evaluate(scene, overrides: ["scale": 1]), "scaled"), s.scalars)
    }

    func testUnscaledScoresSaturateAndScaledOnesStaySoft() throws {
        let unscaled = try XCTUnwrap(step("scaled-dot-product", "Without scaling").scene)
        let scaled = try XCTUnwrap(step("scaled-dot-product", "Divide by √d_k").scene)
        let rows64 = try tensor(try evaluate(unscaled, overrides: ["dk": 64]), "weights").matrixRows.map { $0.max()! }
        XCTAssertGreaterThanOrEqual(rows64.filter { $0 > 0.99 }.count, 3, "at d_k = 64 almost every row is one-hot: \(rows64)")
        for dk in [64.0, 128, 256] {
            let rows = try tensor(try evaluate(scaled, overrides: ["dk": dk]), "weights").matrixRows.map { $0.max()! }
            XCTAssertLessThan(rows.max()!, 0.9, "scaled rows stay soft at d_k = \(dk): \(rows)")
        }
    }

    func testRowsSumToOneButColumnsDoNot() throws {
        let c = try evaluate(try XCTUnwrap(step("scaled-dot-product", "Softmax rows").scene))
        let w = try tensor(c, "weights")
        for r in w.matrixRows { XCTAssertEqual(r.reduce(0, +), 1, accuracy: 1e-5) }
        let columnSums = (0..<w.columns).map { j in (0..<w.rows).map { w[$0, j] }.reduce(0, +) }
        XCTAssertTrue(columnSums.contains { abs($0 - 1) > 0.05 }, "the forum's 'row or column' would need \(columnSums) all 1")
    }

    // MARK: 05-multi-head

    func testTheSideBySideStepShowsEveryHeadItNames() throws {
        let step = try self.step("multi-head", "The maps side by side")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let word = try stated(flat(step.prose), #"^The ([a-z]+) heads"#)
        let count = try XCTUnwrap(["two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "eight": 8][word])
        XCTAssertEqual(c.parameters["numHeads"], Double(count))
        XCTAssertEqual(c.views.filter { $0.kind == .heatmap }.count, count)
        // The two `the` tokens have identical rows and columns in every head.
        let tokens = try XCTUnwrap(step.scene?.tokens)
        let the = tokens.indices.filter { tokens[$0] == "the" }
        XCTAssertEqual(the.count, 2)
        for h in 0..<count {
            let w = try tensor(c, "weights[\(h)]")
            // Identical up to the float rounding of a different summation order.
            assertAllClose(w.row(the[0]), w.row(the[1]), rtol: 1e-6, atol: 1e-7, "head \(h) rows")
            assertAllClose((0..<w.rows).map { w[$0, the[0]] }, (0..<w.rows).map { w[$0, the[1]] }, rtol: 1e-6, atol: 1e-7, "head \(h) columns")
        }
    }

    func testGQAHalvesAndMQADividesTheCacheAndGroupsHeadsAsDocumented() throws {
        let mha = try evaluate(try XCTUnwrap(step("multi-head", "Concatenate").scene))
        // "concatenated back to width H·d_h"
        XCTAssertEqual(Double(try tensor(mha, "concat").columns), mha.parameters["numHeads"]! * mha.parameters["headDim"]!)
        let gqaStep = try step("multi-head", "GQA")
        let gqa = try evaluate(try XCTUnwrap(gqaStep.scene))
        let mqa = try evaluate(try XCTUnwrap(step("multi-head", "MQA").scene))
        let h = try XCTUnwrap(gqa.parameters["numHeads"]), hkv = try XCTUnwrap(gqa.parameters["numKVHeads"])
        let stated = try self.stated(flat(gqaStep.prose), #"here ([0-9]+) query heads use ([0-9]+) K/V heads, halving"#, groups: 2)
        XCTAssertEqual([Double(stated[0]), Double(stated[1])], [h, hkv])
        let full = try values(mha, "kvCacheFloatsPerToken")[0]
        let dh = Float(try tensor(mha, "K[0]").columns)
        XCTAssertEqual(full, 2 * Float(h) * dh)
        XCTAssertEqual(try values(gqa, "kvCacheFloatsPerToken")[0] * 2, full)
        XCTAssertEqual(try values(mqa, "kvCacheFloatsPerToken")[0] * Float(h), full)
        // Query head h reads K/V group ⌊h·H_kv/H⌋ (FORMAT.md §2.3).
        let heads = Int(h), groups = Int(hkv)
        for a in 0..<heads {
            for b in 0..<heads {
                let same = a * groups / heads == b * groups / heads
                XCTAssertEqual(try tensor(gqa, "K[\(a)]") == tensor(gqa, "K[\(b)]"), same, "K[\(a)] vs K[\(b)]")
                XCTAssertEqual(try tensor(gqa, "V[\(a)]") == tensor(gqa, "V[\(b)]"), same, "V[\(a)] vs V[\(b)]")
            }
        }
    }

    // MARK: 06-masked

    func testCausalMaskSetsMinusInfinityAndZeroingWouldLeakWeight() throws {
        let step = try self.step("masked", "The causal mask")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let masked = try tensor(c, "masked"), w = try tensor(c, "weights"), scaled = try tensor(c, "scaled")
        for i in 0..<w.rows {
            for j in 0..<w.columns where j > i {
                XCTAssertEqual(masked[i, j], -.infinity)
                XCTAssertEqual(w[i, j], 0)
            }
            XCTAssertEqual(w.row(i).reduce(0, +), 1, accuracy: 1e-5)
        }
        // Zeros instead of −∞: exp(0) = 1 leaves weight on the future.
        let prose = flat(step.prose)
        let leak = try stated(prose, #"query `the` \(row 0\) would still give ([0-9.]+) of its weight to the ([a-z]+) tokens after it"#, groups: 2)
        let row = scaled.row(0).enumerated().map { $0.offset > 0 ? 0 : $0.element }
        let exps = row.map { exp(Double($0)) }
        let future = exps.dropFirst().reduce(0, +) / exps.reduce(0, +)
        assertStated(leak[0], [Float(future)], "weight a zeroed mask leaves on the future")
        XCTAssertEqual(["five": 5][leak[1]], w.columns - 1)
        XCTAssertTrue(prose.contains("**decoder-only**"))
    }

    func testUnderTheCausalMaskTheFirstTokenAttendsOnlyToItself() throws {
        let scene = try XCTUnwrap(step("masked", "Exactly zero after the softmax").scene)
        let w = try tensor(try evaluate(scene, overrides: ["mask": 0]), "weights")   // values: [causal, none]
        XCTAssertEqual(w.row(0), [1] + [Float](repeating: 0, count: w.columns - 1))
        let open = try tensor(try evaluate(scene, overrides: ["mask": 1]), "weights")
        XCTAssertTrue(open.row(0).allSatisfy { $0 > 0 }, "without the mask the first token sees every key")
    }

    func testSlidingWindowSeesWKeysAndReachesKTimesWMinusOne() throws {
        let step = try self.step("masked", "Sliding window")
        let scene = try XCTUnwrap(step.scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "window" })
        for w in controlPositions(control).map(Int.init) {
            let mask = try boolMask(try evaluate(scene, overrides: ["window": Double(w)]))
            let t = mask.count
            for i in 0..<t {
                XCTAssertEqual(mask[i], (0..<t).map { j in j <= i && i - j < w }, "W = \(w), query \(i): the W most recent keys")
            }
            // Reach after k layers: compose the mask with itself.
            var reach = mask
            for k in 1...3 {
                let expected = min(k * (w - 1), t - 1)
                XCTAssertEqual(t - 1 - reach[t - 1].firstIndex(of: true)!, expected, "W = \(w), \(k) layers")
                reach = compose(reach, mask)
            }
        }
        // The prose's example, at the scene's W.
        let prose = flat(step.prose)
        let w = Int(try XCTUnwrap(evaluate(scene).parameters["window"]))
        XCTAssertEqual(Int(try stated(prose, #"With \$W = ([0-9]+)\$, one layer"#)), w)
        let reaches = try stated(prose, #"one layer reaches ([0-9]+) positions back and two layers\s+reach ([0-9]+)"#, groups: 2)
        let mask = try boolMask(try evaluate(scene))
        let two = compose(mask, mask)
        let last = mask.count - 1
        XCTAssertEqual(Int(reaches[0]), last - mask[last].firstIndex(of: true)!)
        XCTAssertEqual(Int(reaches[1]), last - two[last].firstIndex(of: true)!)
        let path = try stated(prose, #"`([a-z])` \(position ([0-9]+)\) hears from `([a-z])` \(position ([0-9]+)\) through `([a-z])`"#, groups: 5)
        let tokens = scene.tokens
        let (to, from, via) = (Int(path[1])!, Int(path[3])!, try XCTUnwrap(tokens.firstIndex(of: path[4])))
        XCTAssertEqual([tokens[to], tokens[from]], [path[0], path[2]])
        XCTAssertEqual(to - from, Int(reaches[1]))
        XCTAssertTrue(mask[via][from] && mask[to][via], "\(path[2]) → \(path[4]) → \(path[0]) in two layers")
        // Mistral 7B: k·(W − 1) with the numbers the prose gives.
        let mistral = try stated(prose, #"\(W = ([0-9]+), ([0-9]+) layers\) that is ([0-9]+) · ([0-9]+) = ([0-9]+) positions"#, groups: 5).map { Int($0)! }
        XCTAssertEqual(mistral[2], mistral[1])
        XCTAssertEqual(mistral[3], mistral[0] - 1)
        XCTAssertEqual(mistral[4], mistral[1] * (mistral[0] - 1))
    }

    func testDilatedWindowReachesWMinusOneTimesRBack() throws {
        let step = try self.step("masked", "Dilated sliding window")
        let scene = try XCTUnwrap(step.scene)
        for w in 1...4 {
            for r in 1...3 {
                let mask = try boolMask(try evaluate(scene, overrides: ["window": Double(w), "dilation": Double(r)]))
                let last = mask.count - 1
                let seen = (0...last).filter { mask[last][$0] }
                XCTAssertEqual(seen, (0..<w).map { last - $0 * r }.filter { $0 >= 0 }.reversed(), "W = \(w), r = \(r)")
                if (w - 1) * r <= last { XCTAssertEqual(last - seen.first!, (w - 1) * r, "W = \(w), r = \(r): (W−1)·r back") }
                // causal 0: Longformer's two-sided version, keys i ± t·r for t ≤ ⌊W/2⌋.
                let both = try boolMask(try evaluate(scene, overrides: ["window": Double(w), "dilation": Double(r), "causal": 0]))
                for i in both.indices {
                    for j in both.indices {
                        let d = abs(i - j)
                        XCTAssertEqual(both[i][j], d % r == 0 && d / r <= w / 2, "W = \(w), r = \(r), not causal: (\(i), \(j))")
                    }
                }
            }
        }
        XCTAssertTrue(scene.controls.contains { $0.param == "causal" }, "the step lets the learner switch to the two-sided window")
        let prose = flat(step.prose)
        let c = try evaluate(scene)
        let (w, r) = (Int(c.parameters["window"]!), Int(c.parameters["dilation"]!))
        let claim = try stated(prose, #"With \$W = ([0-9]+)\$ and \$r = ([0-9]+)\$, `([a-z])` \(position ([0-9]+)\) sees `([a-z])`,\s+`([a-z])` and `([a-z])`: ([0-9]+) positions back, where the plain window of the same width reached ([0-9]+)"#, groups: 9)
        XCTAssertEqual([Int(claim[0]), Int(claim[1])], [w, r])
        let mask = try boolMask(c)
        let q = Int(claim[3])!
        XCTAssertEqual(scene.tokens[q], claim[2])
        XCTAssertEqual(Set((0..<mask.count).filter { mask[q][$0] }.map { scene.tokens[$0] }), Set(claim[4...6]))
        XCTAssertEqual(q - mask[q].firstIndex(of: true)!, Int(claim[7]))
        let plain = try boolMask(try evaluate(try XCTUnwrap(self.step("masked", "Sliding window").scene), overrides: ["window": Double(w)]))
        XCTAssertEqual(q - plain[q].firstIndex(of: true)!, Int(claim[8]))
    }

    func testLongformerMaskIsBidirectionalWithGlobalRowsAndColumns() throws {
        let step = try self.step("masked", "Global + sliding")
        let scene = try XCTUnwrap(step.scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "window" })
        for w in controlPositions(control).map(Int.init) {
            let c = try evaluate(scene, overrides: ["window": Double(w)])
            XCTAssertEqual(c.parameters["causal"], 0, "Longformer steps are not causal")
            let mask = try boolMask(c)
            for i in mask.indices {
                for j in mask.indices {
                    let expected = i == 0 || j == 0 || abs(i - j) <= w / 2
                    XCTAssertEqual(mask[i][j], expected, "W = \(w): (\(i), \(j))")
                }
            }
            // Odd W: every token away from the ends sees exactly W window keys (plus the global one).
            XCTAssertEqual(w % 2, 1)
            let middle = mask.count / 2
            XCTAssertEqual(mask[middle].filter { $0 }.count, min(w, mask.count) + (abs(middle) > w / 2 ? 1 : 0))
            XCTAssertTrue(try values(c, "weights").prefix(mask.count).allSatisfy { $0 > 0 }, "[CLS] attends to every position")
        }
        let prose = flat(step.prose)
        let claim = try stated(prose, #"with\s+\$W = ([0-9]+)\$, `([a-z])` sees `([a-z])`, `([a-z])`, `([a-z])` and `([^`]+)`"#, groups: 6)
        let mask = try boolMask(try evaluate(scene, overrides: ["window": Double(claim[0])!]))
        let q = try XCTUnwrap(scene.tokens.firstIndex(of: claim[1]))
        XCTAssertEqual(Set((0..<mask.count).filter { mask[q][$0] }.map { scene.tokens[$0] }), Set(claim[2...5]))
    }

    func testKVCacheRowsEqualFullCausalAttention() throws {
        let scene = try XCTUnwrap(step("masked", "Generating with a KV cache").scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "step" })
        for t in controlPositions(control).map(Int.init) {
            let c = try evaluate(scene, overrides: ["step": Double(t)])
            let w = try tensor(c, "weights"), full = try tensor(c, "causalWeights")
            for r in 0...t { assertAllClose(w.row(r), full.row(r), "step \(t), row \(r)") }
        }
    }

    // MARK: 07-cross-attention

    func testQueriesComeFromTheDecoderAndTheMapIsRectangular() throws {
        let step = try self.step("cross-attention", "A rectangular map")
        let scene = try XCTUnwrap(step.scene)
        let c = try evaluate(scene)
        let w = try tensor(c, "weights")
        let prose = flat(step.prose)
        XCTAssertEqual(Int(try stated(prose, #"\(\$T_q = ([0-9]+)\$\)"#)), scene.tokens.count)
        XCTAssertEqual(Int(try stated(prose, #"\(\$T_k = ([0-9]+)\$\)"#)), scene.effectiveKeyTokens.count)
        let shape = try stated(prose, #"is \$([0-9]+) \\times ([0-9]+)\$"#, groups: 2).map { Int($0)! }
        XCTAssertEqual(shape, w.shape)
        // Q = X W_Q from the decoder side, K = X_kv W_K and V = X_kv W_V from the encoder side.
        let x = try tensor(c, "X"), xkv = try tensor(c, "X_kv")
        let wq = try declared(scene, "W_Q", c), wk = try declared(scene, "W_K", c)
        assertAllClose(try tensor(c, "Q").scalars, matmul(x, wq).scalars, "Q = X·W_Q")
        assertAllClose(try tensor(c, "K").scalars, matmul(xkv, wk).scalars, "K = X_kv·W_K")
        XCTAssertEqual(x.rows, scene.tokens.count)
        XCTAssertEqual(xkv.rows, scene.effectiveKeyTokens.count)
    }

    func testPaddingColumnsGetMinusInfinityAndZeroWeight() throws {
        let scene = try XCTUnwrap(step("cross-attention", "Padding on the encoder side").scene)
        let control = try XCTUnwrap(scene.controls.first { $0.param == "validKeys" })
        for valid in controlPositions(control).map(Int.init) {
            let c = try evaluate(scene, overrides: ["validKeys": Double(valid)])
            let masked = try tensor(c, "masked"), w = try tensor(c, "weights")
            for i in 0..<w.rows {
                for j in 0..<w.columns {
                    XCTAssertEqual(masked[i, j] == -.infinity, j >= valid, "validKeys \(valid): (\(i), \(j))")
                    if j >= valid { XCTAssertEqual(w[i, j], 0) }
                }
            }
        }
    }

    func testTheHandWrittenAlignmentAlignsAsStated() throws {
        let step = try self.step("cross-attention", "An alignment")
        let scene = try XCTUnwrap(step.scene)
        let w = try tensor(try evaluate(scene), "weights")
        let claim = try stated(flat(step.prose), #"so that `([^`]+)` matches `([^`]+)`, `([^`]+)` matches `([^`]+)`, and both `([^`]+)`\s+and `([^`]+)` look for `([^`]+)`"#, groups: 7)
        let pairs = [(claim[0], claim[1]), (claim[2], claim[3]), (claim[4], claim[6]), (claim[5], claim[6])]
        for (query, key) in pairs {
            let i = try XCTUnwrap(scene.tokens.firstIndex(of: query))
            XCTAssertEqual(scene.effectiveKeyTokens[argmax(w.row(i))], key, query)
        }
    }

    // MARK: 08-positional

    func testReorderingPermutesTheMapAndTheOutputs() throws {
        let a = try XCTUnwrap(step("positional", "Attention sees a set").scene)
        let b = try XCTUnwrap(step("positional", "Same words, other order").scene)
        let ca = try evaluate(a), cb = try evaluate(b)
        let perm = try b.tokens.map { t in try XCTUnwrap(a.tokens.firstIndex(of: t)) }   // b's row i is a's row perm[i]
        let wa = try tensor(ca, "weights"), wb = try tensor(cb, "weights")
        let oa = try tensor(ca, "output"), ob = try tensor(cb, "output")
        for i in perm.indices {
            assertAllClose(ob.row(i), oa.row(perm[i]), "output of \(b.tokens[i])")
            assertAllClose(wb.row(i), perm.map { wa[perm[i], $0] }, "weights of \(b.tokens[i])")
        }
    }

    func testSinusoidalRowsFollowTheFormulaAndDiffer() throws {
        let scene = try XCTUnwrap(step("positional", "Sinusoidal encodings").scene)
        for overrides in validationOverrides(for: scene) {
            let c = try evaluate(scene, overrides: overrides)
            let pe = try tensor(c, "PE")
            let d = Double(pe.columns)
            for t in 0..<pe.rows {
                for i in 0..<(pe.columns / 2) {
                    let angle = Double(t) / pow(10000, 2 * Double(i) / d)
                    XCTAssertEqual(Double(pe[t, 2 * i]), sin(angle), accuracy: 1e-5)
                    XCTAssertEqual(Double(pe[t, 2 * i + 1]), cos(angle), accuracy: 1e-5)
                }
            }
            let rows = pe.matrixRows
            for a in rows.indices { for b in rows.indices where b > a { XCTAssertNotEqual(rows[a], rows[b], "\(overrides): rows \(a), \(b)") } }
        }
    }

    func testRoPEFrequenciesCountPairsFromZero() throws {
        let step = try self.step("positional", "RoPE rotates pairs")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let angles = try tensor(c, "angles"), x = try tensor(c, "X"), rotated = try tensor(c, "X_rot")
        let base = try XCTUnwrap(c.parameters["base"]), d = Double(x.columns)
        for m in 0..<angles.rows {
            for i in 0..<angles.columns {
                XCTAssertEqual(Double(angles[m, i]), Double(m) * pow(base, -2 * Double(i) / d), accuracy: 1e-5, "θ_\(i) at m = \(m)")
                let before = hypot(x[m, 2 * i], x[m, 2 * i + 1]), after = hypot(rotated[m, 2 * i], rotated[m, 2 * i + 1])
                XCTAssertEqual(after, before, accuracy: 1e-5, "rotations keep lengths")
            }
        }
        let prose = flat(step.prose)
        assertStated(try stated(prose, #"\$\\theta_0 = ([0-9.]+)\$ radian"#), [angles[1, 0]], "θ_0")
        XCTAssertEqual(Double(try stated(prose, #"with\s+\$d = ([0-9]+)\$ here"#)), d)
        assertStated(try stated(prose, #"pair 1 turns by \$\\theta_1 = ([0-9.]+)\$"#), [angles[1, 1]], "θ_1")
    }

    func testRoPEScoresDependOnlyOnTheDifferenceAtEveryBaseAndOffset() throws {
        let step = try self.step("positional", "The score depends only on m − n")
        let scene = try XCTUnwrap(step.scene)
        let previous = try evaluate(try XCTUnwrap(self.step("positional", "RoPE rotates pairs").scene))
        let c = try evaluate(scene)
        XCTAssertEqual(c.parameters["base"], 10)
        XCTAssertEqual(previous.parameters["base"], 10000)
        let prose = flat(step.prose)
        XCTAssertTrue(prose.contains("switches the base from 10000 to 10 (`base: 10`)"))
        let setting = try stated(prose, #"With only \$d = ([0-9]+)\$ and ([a-z]+) positions"#, groups: 2)
        XCTAssertEqual(Int(setting[0]), try tensor(c, "X").columns)
        XCTAssertEqual(["six": 6][setting[1]], scene.tokens.count)
        // Base 10000: pair 1 turns by at most 0.05 rad over the scene's positions.
        let big = try tensor(try evaluate(scene, overrides: ["base": 10000]), "angles")
        assertStated(try stated(prose, #"pair 1 turns by at most ([0-9.]+) rad"#), [big[big.rows - 1, 1]], "pair 1's largest angle at base 10000")
        assertStated(try stated(prose, #"base 10000 gives \$\\theta_1 = ([0-9.]+)\$"#), [big[1, 1]], "θ_1 at base 10000")
        assertStated(try stated(prose, #"\\approx ([0-9.]+)\$"#), [try tensor(c, "angles")[1, 1]], "θ_1 at base 10")
        let control = try XCTUnwrap(scene.controls.first { $0.param == "position" })
        for base in [10.0, 10000] {
            let reference = try tensor(try evaluate(scene, overrides: ["base": base]), "scores")
            for offset in controlPositions(control) {
                let s = try tensor(try evaluate(scene, overrides: ["base": base, "position": offset]), "scores")
                assertAllClose(s.scalars, reference.scalars, rtol: 1e-4, atol: 1e-4, "base \(base), offset \(offset) changes nothing")
                for i in 1..<s.rows { for j in 1..<s.columns { XCTAssertEqual(s[i, j], s[i - 1, j - 1], accuracy: 1e-4, "base \(base), offset \(offset): diagonal (\(i), \(j))") } }
            }
        }
        let flatMap = try tensor(c, "scoresUnrotated").scalars
        XCTAssertTrue(flatMap.allSatisfy { abs($0 - flatMap[0]) < 1e-5 }, "without RoPE every score is equal")
    }

    /// The q-at-m, k-at-n view: the angle between the rotated query and key rows is
    /// (m − n)·θ_i at every offset, query row and key row the controls reach, and the prose's
    /// numbers are those of the scene's defaults.
    func testRoPEQueryAndKeyAreAsFarApartAsTheirPositions() throws {
        let step = try self.step("positional", "The score depends only on m − n")
        let scene = try XCTUnwrap(step.scene)
        let c = try evaluate(scene)
        let view = try XCTUnwrap(c.views.first { $0.kind == .rope })
        let q = try XCTUnwrap(view.query), k = try XCTUnwrap(view.keyRow)
        XCTAssertEqual(view.tensors, ["X", "X_rot"])
        let base = try XCTUnwrap(c.parameters["base"]), d = Double(try tensor(c, "X").columns)
        func theta(_ i: Int) -> Double { pow(base, -2 * Double(i) / d) }
        func wrapped(_ a: Double) -> Double { atan2(sin(a), cos(a)) }
        func between(_ x: Tensor, _ a: Int, _ b: Int, pair i: Int) -> Double {
            wrapped(atan2(Double(x[a, 2 * i + 1]), Double(x[a, 2 * i])) - atan2(Double(x[b, 2 * i + 1]), Double(x[b, 2 * i])))
        }
        let controls = Dictionary(uniqueKeysWithValues: scene.controls.map { ($0.param, $0) })
        let offsets = controlPositions(try XCTUnwrap(controls["position"]))
        let queries = controlPositions(try XCTUnwrap(controls["query"])), keys = controlPositions(try XCTUnwrap(controls["key"]))
        for offset in offsets {
            for (qq, kk) in [(Double(q), Double(k))] + zip(queries, keys.reversed()).map({ ($0, $1) }) {
                let ck = try evaluate(scene, overrides: ["position": offset, "query": qq, "key": kk])
                let v = try XCTUnwrap(ck.views.first { $0.kind == .rope })
                XCTAssertEqual(v.query, Int(qq))
                XCTAssertEqual(v.keyRow, Int(kk))
                let rotated = try tensor(ck, "X_rot"), angles = try tensor(ck, "angles")
                let m = Int(qq) + Int(offset), n = Int(kk) + Int(offset)
                for i in 0..<(rotated.columns / 2) {
                    let expected = Double(m - n) * theta(i)
                    XCTAssertEqual(Double(angles[Int(qq), i] - angles[Int(kk), i]), expected, accuracy: 1e-3, "m·θ − n·θ, pair \(i), m \(m), n \(n)")
                    XCTAssertEqual(between(rotated, Int(qq), Int(kk), pair: i), wrapped(expected), accuracy: 1e-4, "the arrows of pair \(i) at m \(m), n \(n)")
                }
            }
        }
        let prose = flat(step.prose)
        let rows = try stated(prose, #"With the query at row ([0-9]+) and the key at row ([0-9]+), \$m - n = ([0-9]+)\$"#, groups: 3)
        XCTAssertEqual(rows.compactMap(Int.init), [q, k, q - k])
        let pair0 = try stated(prose, #"the arrows of pair 0 are ([0-9.]+) rad \(([0-9.]+)°\) apart"#, groups: 2)
        let pair1 = try stated(prose, #"those of pair 1 ([0-9.]+) rad \(([0-9.]+)°\)"#, groups: 2)
        for (i, said) in [pair0, pair1].enumerated() {
            let radians = Double(q - k) * theta(i)
            assertStated(said[0], [Float(radians)], "pair \(i) in radians")
            assertStated(said[1], [Float(radians * 180 / .pi)], "pair \(i) in degrees")
        }
    }

    func testALiBiSlopesAndHeadNumberingAgreeEverywhere() throws {
        let step = try self.step("positional", "ALiBi: a linear bias per head")
        let scene = try XCTUnwrap(step.scene)
        let c = try evaluate(scene)
        let slopes = try values(c, "slopes")
        let h = Int(try XCTUnwrap(c.parameters["numHeads"]))
        XCTAssertEqual(slopes.count, h)
        XCTAssertEqual(h & (h - 1), 0, "this step's H is a power of two")
        // The prose's formula, heads from 0: m_h = 2^(−8(h+1)/H).
        XCTAssertTrue(step.prose.contains("m_h = 2^{-8(h+1)/H}, \\quad h = 0, \\dots, H-1"))
        for k in 0..<h { XCTAssertEqual(Double(slopes[k]), pow(2, -8 * Double(k + 1) / Double(h)), accuracy: 1e-7, "head \(k)") }
        let prose = flat(step.prose)
        XCTAssertEqual(Int(try stated(prose, #"With the scene's \$H = ([0-9]+)\$ the slopes are"#)), h)
        assertStated(try stated(prose, #"the slopes are ([0-9/, ]+), for heads 0 to"#), slopes, "the slopes")
        // The lecture's 8-head list, heads from 1: 1/2^1 … 1/2^8.
        XCTAssertTrue(prose.contains("for 8 heads, $1/2^1, \\dots, 1/2^8$"))
        // The head control shows bias[h] = −m_h·|i − j|, with the same h.
        let control = try XCTUnwrap(scene.controls.first { $0.param == "head" })
        XCTAssertEqual(control.min, 0)
        XCTAssertEqual(Int(control.max), h - 1)
        for k in 0..<h {
            let ck = try evaluate(scene, overrides: ["head": Double(k)])
            let view = try XCTUnwrap(ck.views.first { $0.kind == .heatmap })
            XCTAssertEqual(view.tensors, ["bias[\(k)]"])
            let bias = try tensor(ck, "bias[\(k)]")
            for i in 0..<bias.rows { for j in 0..<bias.columns { XCTAssertEqual(bias[i, j], -slopes[k] * Float(abs(i - j)), accuracy: 1e-6) } }
        }
        // The exercise asks about "head 0" and reads head 0.
        let exercise = try XCTUnwrap(lessonExercises(try lesson("positional")).steps.flatMap(\.exercises).first { $0.id == "alibi-bias" })
        XCTAssertTrue(exercise.question.contains("head 0"))
        XCTAssertTrue(exercise.answer.contains("head(bias, 0)"))
        guard case .array(_, let answer) = try ExerciseContext(scene: scene).value(of: exercise.expression) else { return XCTFail() }
        XCTAssertEqual(answer, [-pow(2, -8 * 1 / Double(h)) * 2], accuracy: 1e-7)
    }

    func testALiBiSlopesForSixHeadsFollowThePapersCode() throws {
        let step = try self.step("positional", "ALiBi when H is not a power of two")
        let c = try evaluate(try XCTUnwrap(step.scene))
        let slopes = try values(c, "slopes")
        let h = Int(try XCTUnwrap(c.parameters["numHeads"]))
        XCTAssertNotEqual(h & (h - 1), 0, "this step's H is not a power of two")
        // The paper's get_slopes: p = largest power of two ≤ H; its p slopes, then every other
        // slope of the 2p schedule.
        var p = 1
        while p * 2 <= h { p *= 2 }
        func schedule(_ n: Int) -> [Double] { (1...n).map { pow(2, -8 * Double($0) / Double(n)) } }
        let expected = schedule(p) + Array(schedule(2 * p).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).prefix(h - p))
        XCTAssertEqual(slopes.map(Double.init), expected, accuracy: 1e-7)
        let prose = flat(step.prose)
        XCTAssertEqual(Int(try stated(prose, #"For the scene's \$H = ([0-9]+)\$"#)), h)
        assertStated(try stated(prose, #"the four\s+slopes ([0-9/, ]+) of \$H = 4\$"#), schedule(p).map(Float.init), "the power-of-two part")
        XCTAssertEqual(p, 4)
        assertStated(try stated(prose, #"then ([0-9/, ]+) from the eight-head schedule"#), slopes.suffix(h - p).map { $0 }, "the extra slopes")
        assertStated(try stated(prose, #"So heads 0 to [0-9]+ have slopes ([0-9/, ]+): the"#), slopes, "all slopes")
        XCTAssertEqual(Int(try stated(prose, #"the\s+steepest head is head ([0-9]+)"#)), argmax(slopes))
        // The lecture's geometric rule would give something else.
        let lecture = (0..<h).map { Float(pow(2, -8 * Double($0 + 1) / Double(h))) }
        assertStated(try stated(prose, #"instead \(([0-9., ]+), …\)"#), Array(lecture.prefix(3)), "the lecture's rule")
        XCTAssertNotEqual(lecture, slopes)
    }

    // MARK: Helpers

    private static let lessons: [Lesson] = lessonFiles(in: TestPaths.lessons).compactMap { loadLesson(at: $0).lesson }

    private func lesson(_ id: String) throws -> Lesson {
        try XCTUnwrap(Self.lessons.first { $0.id == id }, "no lesson \(id) in Lessons/")
    }

    /// The step of lesson `id` whose title starts with `title`.
    private func step(_ id: String, _ title: String) throws -> LessonStep {
        let lesson = try lesson(id)
        return try XCTUnwrap(lesson.steps.first { $0.title.hasPrefix(title) }, "\(id): no step titled '\(title)…'")
    }

    private func tensor(_ c: ComputedScene, _ name: String) throws -> Tensor {
        try XCTUnwrap(c[name]?.tensor, "the scene computes no '\(name)' (it has \(c.tensors.map(\.name)))")
    }

    private func values(_ c: ComputedScene, _ name: String) throws -> [Float] { try tensor(c, name).scalars }

    /// The mask as rows of booleans.
    private func boolMask(_ c: ComputedScene) throws -> [[Bool]] {
        try tensor(c, "mask").matrixRows.map { $0.map { $0 != 0 } }
    }

    /// Two layers of masks: i hears from j through some k.
    private func compose(_ a: [[Bool]], _ b: [[Bool]]) -> [[Bool]] {
        a.indices.map { i in b.indices.map { j in a.indices.contains { k in a[i][k] && b[k][j] } } }
    }

    /// A declared tensor of the scene: as the scene reports it, else materialised from its
    /// declaration (crossAttention does not list its W_Q, W_K, W_V among its outputs yet).
    private func declared(_ scene: Scene, _ name: String, _ c: ComputedScene) throws -> Tensor {
        if let t = c[name]?.tensor { return t }
        var materializer = TensorMaterializer(env: try SceneEnvironment(scene: scene, overrides: [:]))
        return try XCTUnwrap(try materializer.tensor(name), name)
    }

    /// Prose with runs of whitespace (line breaks included) collapsed to one space.
    private func flat(_ prose: String) -> String {
        prose.replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression).trimmingCharacters(in: .whitespaces)
    }

    /// The first capture group of `pattern` in `text`; the test fails when the prose no longer says it.
    private func stated(_ text: String, _ pattern: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try stated(text, pattern, groups: 1, file: file, line: line)[0]
    }

    /// The capture groups of `pattern` in `text`.
    private func stated(_ text: String, _ pattern: String, groups: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
        let range = NSRange(text.startIndex..., in: text)
        guard let match = regex.firstMatch(in: text, range: range) else {
            XCTFail("the prose no longer says /\(pattern)/", file: file, line: line)
            throw CancellationError()
        }
        return (1...groups).map { g in Range(match.range(at: g), in: text).map { String(text[$0]) } ?? "" }
    }

    /// Asserts that a stated list of numbers ("3.61", "1/4, 1/16", "0.9, 0.1, 0") equals `computed`
    /// at the precision it is written with: half a unit of its last decimal, or exactly for
    /// integers and fractions (up to float rounding).
    private func assertStated(_ text: String, _ computed: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let parts = text.split(whereSeparator: { $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count == computed.count else {
            XCTFail("\(what): the prose states \(parts.count) numbers (\(text)), the scene has \(computed.count) (\(computed))", file: file, line: line)
            return
        }
        for (part, value) in zip(parts, computed) {
            let (number, tolerance): (Double, Double)
            if let slash = part.firstIndex(of: "/"), let a = Double(part[..<slash]), let b = Double(part[part.index(after: slash)...]) {
                (number, tolerance) = (a / b, 1e-6 * abs(a / b))
            } else if let x = Double(part) {
                let decimals = part.firstIndex(of: ".").map { part.distance(from: $0, to: part.endIndex) - 1 } ?? 0
                (number, tolerance) = (x, 0.5 * pow(10, -Double(decimals)) + 1e-6)
            } else {
                XCTFail("\(what): '\(part)' is not a number", file: file, line: line)
                continue
            }
            XCTAssertLessThanOrEqual(abs(Double(value) - number), tolerance, "\(what): the prose says \(part), the scene computes \(value)", file: file, line: line)
        }
    }
}

// MARK: Small maths, kept here so the checks do not reuse the kernel they check

private func norm(_ v: [Float]) -> Float { sqrt(v.map { $0 * $0 }.reduce(0, +)) }

private func distance(_ a: [Float], _ b: [Float]) -> Float { norm(zip(a, b).map { $0 - $1 }) }

private func argmax(_ v: [Float]) -> Int { v.firstIndex(of: v.max()!)! }

private func transposed(_ t: Tensor) -> Tensor {
    var out = [Float](repeating: 0, count: t.count)
    for i in 0..<t.rows { for j in 0..<t.columns { out[j * t.rows + i] = t[i, j] } }
    return try! Tensor(shape: [t.columns, t.rows], scalars: out)
}

private func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    var out = [Float](repeating: 0, count: a.rows * b.columns)
    for i in 0..<a.rows { for j in 0..<b.columns { for k in 0..<a.columns { out[i * b.columns + j] += a[i, k] * b[k, j] } } }
    return try! Tensor(shape: [a.rows, b.columns], scalars: out)
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
