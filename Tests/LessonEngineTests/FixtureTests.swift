import Foundation
import XCTest
import AttnTestSupport
@testable import LessonEngine

/// The fixture lesson's scenes against numpy (scripts/make_lesson_fixtures.py), and the
/// `attn eval` JSON read back against the same numbers.
final class FixtureTests: XCTestCase {
    struct ExpectedTensor {
        var name: String
        var shape: [Int]
        var values: [Float]
    }

    /// Steps of fixture-lesson.json: (title, tensors).
    func expectedSteps() throws -> [(title: String, tensors: [ExpectedTensor])] {
        let data = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("fixture-lesson.json"))
        let root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try XCTUnwrap(root["steps"] as? [[String: Any]])
        return try steps.map { step in
            let tensors = try XCTUnwrap(step["tensors"] as? [[String: Any]]).map(Self.decodeTensor)
            return (try XCTUnwrap(step["title"] as? String), tensors)
        }
    }

    static func decodeTensor(_ object: [String: Any]) -> ExpectedTensor {
        let values = (object["values"] as? [Any] ?? []).map { v -> Float in
            if let s = v as? String { return s == "-inf" ? -.infinity : (s == "inf" ? .infinity : .nan) }
            return Float((v as? NSNumber)?.doubleValue ?? .nan)
        }
        return ExpectedTensor(name: object["name"] as? String ?? "", shape: object["shape"] as? [Int] ?? [], values: values)
    }

    func fixtureLesson() throws -> Lesson {
        let url = TestPaths.fixtures.appendingPathComponent("fixture-lesson.md")
        XCTAssertEqual(validateLesson(at: url), [])
        return try XCTUnwrap(loadLesson(at: url).lesson)
    }

    func testEveryStepMatchesNumpy() throws {
        let lesson = try fixtureLesson()
        let expected = try expectedSteps()
        XCTAssertEqual(lesson.steps.map(\.title), expected.map(\.title))
        for (step, want) in zip(lesson.steps, expected) {
            let computed = try evaluate(try XCTUnwrap(step.scene))
            for tensor in want.tensors {
                guard let got = computed[tensor.name] else {
                    XCTFail("\(step.title): no tensor '\(tensor.name)'")
                    continue
                }
                XCTAssertEqual(got.shape, tensor.shape, "\(step.title): \(tensor.name)")
                assertAllClose(got.tensor.scalars, tensor.values, rtol: 1e-4, atol: 1e-5, "\(step.title): \(tensor.name)")
            }
        }
    }

    func testEvalJSONReadsBackToTheSameNumbers() throws {
        let lesson = try fixtureLesson()
        let expected = try expectedSteps()
        let json = evalJSON(try evaluateLesson(lesson))
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(parsed.count, expected.count)
        for (step, want) in zip(parsed, expected) {
            XCTAssertEqual(step["title"] as? String, want.title)
            let tensors = (step["tensors"] as? [[String: Any]] ?? []).map(Self.decodeTensor)
            for tensor in want.tensors {
                let got = try XCTUnwrap(tensors.first { $0.name == tensor.name }, tensor.name)
                XCTAssertEqual(got.shape, tensor.shape)
                assertAllClose(got.values, tensor.values, rtol: 1e-4, atol: 1e-5, "JSON \(want.title): \(tensor.name)")
            }
        }
    }

    func testMaskedScoresAreWrittenAsMinusInfStrings() throws {
        let lesson = try fixtureLesson()
        let json = evalJSON(try evaluate(try XCTUnwrap(lesson.steps[0].scene)))
        XCTAssertTrue(json.contains("\"-inf\""))
        XCTAssertFalse(json.contains("inf,") && json.contains(" inf"), "bare inf is not JSON")
    }
}
