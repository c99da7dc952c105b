import LessonEngine
import XCTest

/// Lesson prose: the lecture's LaTeX becomes readable Unicode in the terminal.
final class ProseTests: XCTestCase {
    func testLectureFormulasBecomeUnicode() {
        XCTAssertEqual(renderInlineMath(#"\text{softmax}(QK^T/\sqrt{d_k})V"#), "softmax(QKᵀ/√d_k)·V")
        XCTAssertEqual(renderInlineMath(#"\sqrt{d_k}"#), "√d_k")
        XCTAssertTrue(renderInlineMath(#"\theta_i"#).hasPrefix("θ"))
    }

    func testMathSpansAreParsedFromMarkdown() {
        let spans = parseProseSpans("the map $QK^T$ is *not* symmetric")
        XCTAssertTrue(spans.contains { $0.kind == .math && $0.text == "QK^T" }, "\(spans)")
        XCTAssertTrue(spans.contains { $0.kind == .emphasis && $0.text == "not" }, "\(spans)")
    }
}
