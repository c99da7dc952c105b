import XCTest
@testable import LessonEngine

/// The answer language: parsing, precedence, errors with their column, and functions.
final class ExerciseExpressionTests: XCTestCase {
    func testPrecedence() throws {
        XCTAssertEqual(try ExerciseExpression(parsing: "a + b * 2 > 1 and not c").description, "(((a + (b * 2)) > 1) and not c)")
        XCTAssertEqual(try ExerciseExpression(parsing: "-weights[2, 1] * 100").description, "(-weights[2, 1] * 100)")
        XCTAssertEqual(try ExerciseExpression(parsing: "head(weights, 1)[0]").description, "head(weights, 1)[0]")
    }

    func testErrorsCarryAnOffset() {
        for (text, offset) in [("weights[1,", 10), ("1 +", 3), ("weights # 2", 8), ("sum(weights", 11), ("weights 2", 8)] {
            XCTAssertThrowsError(try ExerciseExpression(parsing: text), text) { error in
                XCTAssertEqual((error as? ExpressionError)?.offset, offset, "\(text): \(error)")
            }
        }
        XCTAssertThrowsError(try ExerciseExpression(parsing: "3 * 4"))
        XCTAssertThrowsError(try ExerciseExpression(parsing: String(repeating: "(", count: 200) + "x" + String(repeating: ")", count: 200)))
        XCTAssertNoThrow(try ExerciseExpression(parsing: "token(0)"))
    }

    func testErrorLineIsTheAnswerLine() {
        let source = "---\ntitle: t\n---\n## s\n```scene\ntokens: [a]\ntensors:\n  Q: [[1]]\n  K: [[1]]\n  V: [[1]]\nop: attention\n```\n```exercises\n- id: x\n  question: q\n  kind: number\n  answer: weights[0,\n```\n"
        let d = validate(source: source, file: "l.md")
        XCTAssertEqual(d.map(\.line), [17])
        XCTAssertTrue(d.first?.description.hasPrefix("l.md:17:") ?? false, "\(d)")
    }

    func testFunctions() throws {
        let scene = try scene("tokens: [a, b]\ntensors:\n  Q: [[1, 0], [0, 2]]\n  K: [[1, 0], [0, 1]]\n  V: [[1, 2], [3, 4]]\nop: attention\nscale: 1")
        let c = try ExerciseContext(scene: scene)
        func v(_ s: String) throws -> ExerciseValue { try c.value(of: ExerciseExpression(parsing: s)) }
        XCTAssertEqual(try v("scores[1,1]"), .number(2))
        XCTAssertEqual(try v("argmax(scores[1])"), .number(1))
        XCTAssertEqual(try v("argmin(col(scores, 0))"), .number(1))
        XCTAssertEqual(try v("sum(rowsums(Q))"), .number(3))
        XCTAssertEqual(try v("mean(Q)"), .number(0.75))
        XCTAssertEqual(try v("max(Q) - min(Q)"), .number(2))
        XCTAssertEqual(try v("sqrt(abs(-2 * Q[1,1])) + exp(0 * Q[0,0])"), .number(3))
        XCTAssertEqual(try v("count(Q > 0)"), .number(2))
        XCTAssertEqual(try v("transpose(V)[0]"), .vector([1, 3]))
        XCTAssertEqual(try v("token(1) == keyToken(1)"), .bool(true))
        XCTAssertEqual(try v("all(approx(softmax(scores[1]), weights[1]))"), .bool(true))
        XCTAssertEqual(try v("all(approx(scores, transpose(scores)))"), .bool(true))
        XCTAssertThrowsError(try v("Q + V[0, 0, 1]"))
        XCTAssertThrowsError(try v("row(Q, 5)"))
        XCTAssertThrowsError(try v("head(Q, 0)"))
        XCTAssertThrowsError(try v("$nothing"))
        XCTAssertThrowsError(try v("Q + rowsums(Q)"))
        XCTAssertThrowsError(try v("token(1) + 1"))
    }
}
