import XCTest
@testable import LessonEngine

/// Maths and inline prose that used to overflow the stack or take quadratic time.
final class ProseLimitsTests: XCTestCase {
    func testDeeplyNestedMathsIsShownAsSourceInsteadOfOverflowingTheStack() {
        for latex in [
            String(repeating: "\\sqrt{", count: 100_000) + "x" + String(repeating: "}", count: 20_000),
            String(repeating: "\\frac{", count: 20_000),
            String(repeating: "{", count: 20_000),
            String(repeating: "\\sqrt", count: 100_000) + " x",
            String(repeating: "\\sqrt[", count: 50_000) + "]",
        ] {
            XCTAssertEqual(renderInlineMath(latex), latex, String(latex.prefix(12)))
            XCTAssertNotNil(inlineMathProblem(latex), String(latex.prefix(12)))
        }
    }

    func testFormulasWithinTheLimitStillRender() {
        let depth = InlineMathLimits.maximumDepth / 4
        let nested = String(repeating: "\\sqrt{", count: depth) + "x" + String(repeating: "}", count: depth)
        XCTAssertNil(inlineMathProblem(nested))
        XCTAssertEqual(renderInlineMath(nested), String(repeating: "√", count: depth) + "x")
        XCTAssertEqual(renderInlineMath("\\text{softmax}(QK^T/\\sqrt{d_k})V"), "softmax(QKᵀ/√dₖ)·V")
        XCTAssertNil(inlineMathProblem("\\frac{e^{x_i}}{\\sum_j e^{x_j}}"))
    }

    func testAnUnfinishedRootIndexAtTheEndDoesNotCrash() {
        XCTAssertEqual(renderInlineMath("\\sqrt["), "√")
        XCTAssertEqual(renderInlineMath("\\sqrt[3"), "√")
    }

    func testMarkersThatNeverCloseStayLiteralText() {
        for text in [
            String(repeating: "*x ", count: 20_000),
            String(repeating: "[", count: 40_000),
            String(repeating: "`", count: 40_000),
            String(repeating: "_a ", count: 20_000),
            (1...400).map { String(repeating: "`", count: $0) + " " }.joined(),
            String(repeating: "**a *b ", count: 10_000),
            String(repeating: "[a](", count: 10_000),
        ] {
            let spans = parseProseSpans(text)
            XCTAssertFalse(spans.isEmpty, String(text.prefix(10)))
            // Nothing is lost: every letter of the source is still there.
            XCTAssertEqual(spans.map(\.text).joined().filter(\.isLetter).count, text.filter(\.isLetter).count, String(text.prefix(10)))
        }
    }

    func testDeeplyNestedEmphasisAndLinksDoNotRecurseWithoutBound() {
        let links = String(repeating: "[", count: 20_000) + "x" + String(repeating: "](u)", count: 20_000)
        XCTAssertEqual(parseProseSpans(links).map(\.text).joined().filter { $0 == "x" }.count, 1)
        let emphasis = (0..<10_000).map { $0 % 2 == 0 ? "*a " : "**b " }.joined() + "c" + String(repeating: "** *", count: 5_000)
        XCTAssertFalse(parseProseSpans(emphasis).isEmpty)
    }

    func testOrdinaryProseIsParsedAsBefore() {
        XCTAssertEqual(parseProseSpans("a *b* **c** `d` $e$ [f](g)").map(\.description),
                       ["a ", "emphasis(b)", " ", "strong(c)", " ", "code(d)", " ", "math(e)", " f"])
    }

    func testValidateReportsADeepFormulaAtItsLineInNotesToo() {
        let deep = String(repeating: "\\sqrt{", count: 200) + "x"
        let source = "---\ntitle: t\n---\n## s\n\nfine $x$\n\n```notes\nsay $\(deep)$\n```\n"
        let d = validate(source: source, file: "n.md")
        XCTAssertEqual(d.map(\.line), [9], "\(d)")
        XCTAssertTrue(d.first?.message.contains("nested more than \(InlineMathLimits.maximumDepth) levels") ?? false)
    }
}
