import Foundation
import XCTest
import AttentionKernel
@testable import LessonEngine

/// Limits on what a scene computes, not only on what it declares; parameters checked in the
/// precision the kernel uses; no NaN out of any evaluation.
final class ComputeLimitsTests: XCTestCase {
    /// The lesson of the robustness report: 1.3 KB, 256 tokens, multiHead with 64 heads of 512.
    static let oversized: String = {
        let tokens = (0..<256).map { "t\($0)" }.joined(separator: ", ")
        return """
        ---
        title: Too big
        ---

        ## Step

        ```scene
        tokens: [\(tokens)]
        tensors:
          X: {embed: tokens, dim: 512, seed: 1}
        op: multiHead
        numHeads: 64
        headDim: 512
        ```
        """
    }()

    func testTheOversizedSceneIsRefusedAtItsOpLineBeforeComputing() throws {
        XCTAssertLessThan(Self.oversized.utf8.count, 2000)
        let d = validate(source: Self.oversized, file: "big.md")
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertEqual(d.first?.line, 11, "\(d)")
        XCTAssertTrue(d.first?.message.contains("more than the limit of 262144") ?? false, "\(d)")
        let (json, problems) = evalJSON(source: Self.oversized, file: "big.md")
        XCTAssertNil(json)
        XCTAssertTrue(problems.contains { $0.line == 11 && $0.message.contains("limit") }, "\(problems)")
    }

    /// Text over the 1 MiB lesson limit that reaches a parser directly (not through a file read,
    /// which refuses it first) is refused on line 1 with its size, by the lesson parser and the
    /// translation parser alike, before any YAML is read.
    func testTheParsersRefuseTextOverTheLessonLimitOnLineOne() {
        let source = "---\ntitle: Big\n---\n\n## Step\n\n" + String(repeating: "a", count: 1 << 20)
        let size = source.utf8.count
        let lesson = validate(source: source, file: "big.md")
        XCTAssertEqual(lesson.map(\.line), [1], "\(lesson)")
        XCTAssertTrue(lesson.first?.message.contains("\(size) bytes, over the \(1 << 20)-byte limit") ?? false, "\(lesson)")
        let (_, translation) = parseTranslation(source: source, file: "big.ru.md", language: "ru")
        XCTAssertEqual(translation.map(\.line), [1], "\(translation)")
        XCTAssertEqual(translation.first?.message, lesson.first?.message, "one message for both")
        let small = validate(source: String(source.dropLast(size - (1 << 20))), file: "edge.md")
        XCTAssertFalse(small.contains { $0.message.contains("-byte limit") }, "exactly the limit is allowed: \(small)")
    }

    func testAControlThatReachesAnOversizedSceneIsReportedAtTheControl() {
        let tokens = (0..<64).map { "t\($0)" }.joined(separator: ", ")
        let source = """
        ---
        title: Heads slider
        ---

        ## Step

        ```scene
        tokens: [\(tokens)]
        tensors:
          X: {embed: tokens, dim: 128, seed: 1}
        op: multiHead
        numHeads: 2
        headDim: 32
        controls:
          - {param: numHeads, min: 1, max: 64}
        ```
        """
        let d = validate(source: source, file: "slider.md")
        XCTAssertEqual(d.count, 1, "\(d)")
        XCTAssertEqual(d.first?.line, 15)
        XCTAssertTrue(d.first?.message.hasPrefix("when the control sets numHeads to") ?? false, "\(d)")
        XCTAssertTrue(d.first?.message.contains("limit") ?? false, "\(d)")
    }

    /// The estimate must be an upper bound of what is really computed, and of the same order, or
    /// the limit either lets big scenes through or refuses small ones.
    func testTheEstimateBoundsWhatEveryLessonSceneComputes() throws {
        var checked = 0
        var largest = SceneCost(values: 0, flops: 0, sizes: "")
        for url in lessonFiles(in: TestPaths.lessons) {
            let (lesson, _) = loadLesson(at: url)
            for step in lesson?.steps ?? [] {
                guard let scene = step.scene else { continue }
                for overrides in validationOverrides(for: scene) {
                    guard let computed = try? evaluate(scene, overrides: overrides) else { continue }
                    let actual = Double(computed.tensors.reduce(0) { $0 + $1.tensor.scalars.count })
                    let cost = try estimateCost(scene, overrides: overrides)
                    let place = "\(url.lastPathComponent) '\(step.title)' \(overrides)"
                    XCTAssertGreaterThanOrEqual(cost.values, actual, place)
                    XCTAssertLessThanOrEqual(cost.values, 6 * actual + 64, place)
                    XCTAssertNil(cost.problem, place)
                    if cost.values > largest.values { largest = cost }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 50)
        print("largest lesson scene: \(largest)")
    }

    func testParametersAreCheckedAsTheFloatsTheyBecome() throws {
        let s = try scene("tensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]\nop: attention\ncontrols:\n  - {param: temperature, min: 0.1, max: 2, step: 0.1}\n  - {param: query, min: 0, max: 1}")
        for (name, value, words) in [
            ("temperature", 1e-40, "below the smallest normal 32-bit float"),
            ("temperature", Double(Float.leastNonzeroMagnitude), "below the smallest normal 32-bit float"),
            ("temperature", 1e39, "beyond the largest 32-bit float"),
            ("query", 1.5, "takes whole numbers"),
        ] {
            XCTAssertThrowsError(try evaluate(s, overrides: [name: value]), "\(name)=\(value)") { error in
                let e = error as? SceneError
                XCTAssertTrue(e?.message.contains(words) ?? false, "\(error)")
                XCTAssertTrue(e?.message.hasPrefix(name) ?? false, "\(error)")
            }
        }
        // Small but normal temperatures are fine: the weights become one-hot, never NaN.
        let sharp = try evaluate(s, overrides: ["temperature": 1e-30])
        XCTAssertFalse(sharp.tensors.contains { $0.tensor.scalars.contains(where: \.isNaN) })
    }

    func testAResultWithNaNOrInfinityIsRefusedAtTheOpLine() throws {
        let s = try scene("tensors:\n  Q: [[1, 0], [0, 1]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 0], [0, 1]]\nop: attention")
        for bad in [Float.nan, .infinity] {
            var result = ComputedScene()
            result.add("weights", try Tensor(shape: [1, 2], scalars: [0.5, bad]))
            XCTAssertThrowsError(try NumericSafety.checkResult(result, scene: s)) { error in
                XCTAssertEqual((error as? SceneError)?.location.line, 10)   // the op line
                XCTAssertTrue("\(error)".contains("'weights' (value 2 of 2)"), "\(error)")
            }
        }
        var masked = ComputedScene()
        masked.add("masked", try Tensor(shape: [1, 2], scalars: [0.5, -.infinity]))
        XCTAssertNoThrow(try NumericSafety.checkResult(masked, scene: s))
    }
}
