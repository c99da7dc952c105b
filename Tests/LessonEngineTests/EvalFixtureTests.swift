import Foundation
import XCTest
import AttnTestSupport
@testable import LessonEngine

/// `attn eval`'s JSON is an interface instructors script against: every lesson's tensor names,
/// shapes and numbers must stay as they were saved by `scripts/make_eval_fixtures.sh`.
final class EvalFixtureTests: XCTestCase {
    private let directory = TestPaths.fixtures.appendingPathComponent("eval")

    /// Every lesson of today's format, plus the `--set` cases saved beside them.
    func testEveryLessonEvaluatesAsSaved() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 8)
        let lessons = loadLessons(in: TestPaths.lessons).compactMap(\.lesson)
        for file in files {
            let stem = String(file.dropLast(5))
            let parts = stem.split(separator: "@", maxSplits: 1).map(String.init)
            guard let lesson = lessons.first(where: { $0.id == parts[0] }) else {
                XCTFail("\(file): no lesson '\(parts[0])'")
                continue
            }
            var parameters: [String: ParameterValue] = [:]
            if parts.count == 2 {
                for pair in parts[1].split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    parameters[kv[0]] = ParameterValue(parsing: kv[1])
                }
            }
            let (json, diagnostics) = evalJSON(lesson: lesson, parameters: parameters)
            XCTAssertEqual(diagnostics, [], file)
            guard let json else { continue }
            let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(file)))
            let actual = try JSONSerialization.jsonObject(with: Data(json.utf8))
            compareSteps(actual, expected, file)
        }
    }

    private func compareSteps(_ actual: Any, _ expected: Any, _ file: String) {
        guard let a = actual as? [[String: Any]], let e = expected as? [[String: Any]] else { return XCTFail("\(file): not a list of steps") }
        XCTAssertEqual(a.map { $0["step"] as? Int }, e.map { $0["step"] as? Int }, "\(file): step numbers")
        for (sa, se) in zip(a, e) {
            let where_ = "\(file) step \(se["step"] ?? "?")"
            XCTAssertEqual(sa["title"] as? String, se["title"] as? String, where_)
            let ta = sa["tensors"] as? [[String: Any]] ?? [], te = se["tensors"] as? [[String: Any]] ?? []
            XCTAssertEqual(ta.map { $0["name"] as? String ?? "" }, te.map { $0["name"] as? String ?? "" }, "\(where_): tensor names")
            for (x, y) in zip(ta, te) {
                let name = "\(where_) '\(y["name"] ?? "")'"
                XCTAssertEqual(x["shape"] as? [Int], y["shape"] as? [Int], "\(name): shape")
                assertAllClose(numbers(x["values"]), numbers(y["values"]), rtol: 1e-6, atol: 1e-6, name)
            }
        }
    }

    /// Values as Floats, with the JSON strings "-inf", "inf" and "nan" read back.
    private func numbers(_ v: Any?) -> [Float] {
        (v as? [Any] ?? []).map { x in
            if let s = x as? String { return s == "-inf" ? -.infinity : s == "inf" ? .infinity : .nan }
            return (x as? NSNumber)?.floatValue ?? .nan
        }
    }
}
