@testable import LessonEngine
import XCTest

/// Lesson prose: the lecture's LaTeX becomes readable Unicode in the terminal.
final class ProseTests: XCTestCase {
    /// One fence rule for the lesson splitter and the prose: a longer fence holds a shorter one,
/// and tildes are not closed by backticks.
    func testLessonAndProseAgreeOnFences() throws {
        let source = """
        ---
        title: t
        ---
        ## s
        ````markdown
        ```scene
        not a scene: this is an example inside a four-backtick fence
        ```
        ````
        ~~~
        ```
        ~~~
        After.
        """
        let (lesson, diagnostics) = parseLesson(source: source, file: "t.md")
        XCTAssertEqual(diagnostics, [])
        XCTAssertNil(lesson.steps[0].scene, "the scene fence is inside a code sample")
        let blocks = parseProse(lesson.steps[0].prose)
        XCTAssertEqual(blocks.filter { if case .codeBlock = $0 { return true } else { return false } }.count, 2)
        XCTAssertTrue(blocks.contains(.codeBlock("```scene\nnot a scene: this is an example inside a four-backtick fence\n```")), "\(blocks)")
        XCTAssertTrue(blocks.contains(.codeBlock("```")), "\(blocks)")
        XCTAssertEqual(Fence(opening: "```scene")?.kind, "scene")
        XCTAssertNil(Fence(opening: "    ```"), "indented four spaces: not a fence")
        XCTAssertNil(Fence(opening: "``` a`b"), "a backtick in a backtick fence's info")
        XCTAssertFalse(Fence(opening: "````")!.isClosed(by: "```"))
        XCTAssertTrue(Fence(opening: "```")!.isClosed(by: "`````  "))
        XCTAssertFalse(Fence(opening: "```")!.isClosed(by: "``` x"))
    }

    func testProductsOfSubscriptedSymbolsAreSeparated() {
        XCTAssertEqual(renderInlineMath(#"\sum_i w_i v_i"#), "Σᵢ wᵢ·vᵢ")
        XCTAssertEqual(renderInlineMath(#"2 H_{kv} d_h"#), "2Hₖᵥ·dₕ")
        XCTAssertEqual(renderInlineMath(#"X_{dec} W_Q"#), "X_dec·W_Q")
        XCTAssertEqual(renderInlineMath(#"W_Q^h K"#), "W_Qʰ·K")
        XCTAssertEqual(renderInlineMath(#"q_i \cdot k_j"#), "qᵢ·kⱼ", "an explicit product gets no second dot")
        XCTAssertEqual(renderInlineMath(#"d_k)"#), "dₖ)")
        XCTAssertEqual(renderInlineMath(#"p_i \log p_i"#), "pᵢ log pᵢ")
    }

    func testCasesKeepTheirConditions() {
        XCTAssertEqual(renderInlineMath(#"M_{ij} = \begin{cases} 0 & \text{if } j \le i \\ -\infty & \text{if } j > i \end{cases}"#),
                       "Mᵢⱼ = {0 if j ≤ i; -∞ if j > i}")
    }

    /// A display formula wider than the column breaks between its terms, never inside a group.
    func testAWideFormulaBreaksBetweenTermsNotInsideGroups() {
        let latex = #"x_1 = \text{LayerNorm}(x + \text{MultiHead}(x)), \quad x_2 = \text{LayerNorm}(x_1 + \text{FFN}(x_1))"#
        let lines = layoutProse(parseProse("$$" + latex + "$$"), width: 40).map { $0.spans.map(\.text).joined().trimmingCharacters(in: .whitespaces) }
        XCTAssertGreaterThan(lines.count, 1)
        for line in lines {
            XCTAssertLessThanOrEqual(line.count, 40, line)
            XCTAssertEqual(line.filter { $0 == "(" }.count, line.filter { $0 == ")" }.count, "a group split across lines: \(lines)")
        }
        XCTAssertEqual(lines.joined(separator: " "), renderInlineMath(latex).replacingOccurrences(of: "  ", with: " "))
        let rope = #"\cos(t / 10000^{2i/d})"#
        XCTAssertEqual(layoutProse(parseProse("$$" + rope + "$$"), width: 12).count, 2, "cut only when no break fits")
    }

    func testLectureFormulasBecomeUnicode() {
        XCTAssertEqual(renderInlineMath(#"\text{softmax}(QK^T/\sqrt{d_k})V"#), "softmax(QKᵀ/√dₖ)·V")
        XCTAssertEqual(renderInlineMath(#"\sqrt{d_k}"#), "√dₖ")
        XCTAssertTrue(renderInlineMath(#"\theta_i"#).hasPrefix("θ"))
    }

    func testMathSpansAreParsedFromMarkdown() {
        let spans = parseProseSpans("the map $QK^T$ is *not* symmetric")
        XCTAssertTrue(spans.contains { $0.kind == .math && $0.text == "QK^T" }, "\(spans)")
        XCTAssertTrue(spans.contains { $0.kind == .emphasis && $0.text == "not" }, "\(spans)")
    }
}
