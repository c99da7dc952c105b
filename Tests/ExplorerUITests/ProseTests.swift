import ExplorerUI
import LessonEngine
import XCTest

/// LessonEngine's prose model, tested here beside the widget that draws it.
final class ProseTests: XCTestCase {
    func testInlineMathConversions() {
        let cases: [(String, String)] = [
            (#"\text{softmax}(QK^T/\sqrt{d_k})V"#, "softmax(QKᵀ/√dₖ)·V"),
            (#"\frac{QK^\top}{\sqrt{d_k}}"#, "QKᵀ/√dₖ"),
            (#"\frac{a+b}{c}"#, "(a + b)/c"),
            (#"\sqrt{x+y}"#, "√(x + y)"),
            (#"x \in \mathbb{R}^{T \times d_k}"#, "x ∈ ℝ^(T×dₖ)"),
            (#"e^{x_i} / \sum_j e^{x_j}"#, "e^(xᵢ)/Σⱼ e^(xⱼ)"),
            (#"\theta_i = 10000^{-2i/d}"#, "θᵢ = 10000^(-2i/d)"),
            (#"x_1, x_{t-1}, W_{Q}, x^2, a^{n+1}"#, "x₁, xₜ₋₁, W_Q, x², aⁿ⁺¹"),
            (#"\alpha x + \log x \cdot y"#, "αx + log x·y"),
            (#"\lVert q \rVert \, \|k\| \leq 1"#, "‖q‖‖k‖ ≤ 1"),
            (#"\mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}} + M\right) V"#, "softmax(QKᵀ/√dₖ + M)·V"),
            (#"\operatorname{Attention}(Q, K, V)"#, "Attention(Q, K, V)"),
            (#"a \approx \infty \to b \ge c \ne d \odot e \times f"#, "a ≈ ∞ → b ≥ c ≠ d⊙e×f"),
            (#"\tau, \sigma, \Sigma, \exp(x), \tanh(x), \max_j s_j, \ldots"#, "τ, σ, Σ, exp(x), tanh(x), maxⱼ sⱼ, …"),
            (#"q^\top k, \hat{y}, f'(x), -1"#, "qᵀk, ŷ, f′(x), -1"),
            (#"\unknowncommand{x}"#, "unknowncommandx"),
        ]
        for (latex, expected) in cases {
            XCTAssertEqual(renderInlineMath(latex), expected, latex)
        }
    }

    func testInlineSpans() {
        XCTAssertEqual(parseProseSpans("a *b* _c_ **d** `e*f` $g_1$"), [
            .text("a "), ProseSpan(.emphasis, "b"), .text(" "), ProseSpan(.emphasis, "c"), .text(" "),
            ProseSpan(.strong, "d"), .text(" "), ProseSpan(.code, "e*f"), .text(" "), ProseSpan(.math, "g_1"),
        ])
        XCTAssertEqual(parseProseSpans("d_k and snake_case, 2 * 3 * 4, $ 5 and \\*x\\*"),
                       [.text("d_k and snake_case, 2 * 3 * 4, $ 5 and *x*")], "nothing here is markup")
        XCTAssertEqual(parseProseSpans("**the $QK^T$ product**"),
                       [ProseSpan(.strong, "the "), ProseSpan(.math, "QK^T"), ProseSpan(.strong, " product")])
        XCTAssertEqual(parseProseSpans("see [the paper](https://example.org)"), [.text("see the paper")])
        XCTAssertEqual(parseProseSpans("*a **b** c*"),
                       [ProseSpan(.emphasis, "a "), ProseSpan(.strong, "b"), ProseSpan(.emphasis, " c")])
    }

    func testBlocks() {
        let blocks = parseProse("""
            # Title

            First line
            second line.
            - one
              more
            - two
            3. three
            4. four

            $$
            a^2
            $$
            ```
            code  here
            ```
            """)
        XCTAssertEqual(blocks, [
            .heading(level: 1, spans: [.text("Title")]),
            .blank,
            .paragraph([.text("First line second line.")]),
            .bulletList([[.text("one more")], [.text("two")]]),
            .numberedList(start: 3, items: [[.text("three")], [.text("four")]]),
            .blank,
            .paragraph([ProseSpan(.math, "a^2")]),
            .codeBlock("code  here"),
        ])
    }

    func testWrapKeepsWordsAndBreaksLongOnes() {
        let lines = wrapSpans([.text("Я люблю "), ProseSpan(.strong, "трансформер"), .text(" и внимание")], width: 8)
        XCTAssertEqual(lines.map { $0.map(\.text).joined() }, ["Я люблю", "трансфор", "мер и", "внимание"])
        XCTAssertEqual(lines[1], [ProseSpan(.strong, "трансфор")])
        XCTAssertEqual(lines[2], [ProseSpan(.strong, "мер"), .text(" и")])
        for width in 1...20 {
            for line in wrapSpans([.text(ProseViewTests.lesson)], width: width) {
                XCTAssertLessThanOrEqual(columnWidth(of: line.map(\.text).joined()), width)
            }
        }
        XCTAssertEqual(wrapSpans([ProseSpan(.math, "a + b")], width: 5).count, 1, "spaces in maths do not break")
        XCTAssertEqual(wrapSpans([.text("x "), ProseSpan(.code, "q @ k.T")], width: 8).map { $0.map(\.text).joined() },
                       ["x", "q @ k.T"], "nor spaces in code")
        XCTAssertEqual(wrapSpans([.text("   ")], width: 5), [])
    }

    func testLayoutIndentsListsAndCentresDisplayMaths() {
        let lines = layoutProse(parseProse("- a long item that wraps\n\n$$x^2$$"), width: 12)
        XCTAssertEqual(lines.map(\.text), ["• a long", "  item that", "  wraps", "", "     x²"])
        XCTAssertEqual(lines.last?.role, .math)
    }

    func testColumnWidthsOfLessonCharacters() {
        // Cyrillic, Greek, maths, box drawing, blocks and braille take one column; CJK, Hangul and
        // emoji two; combining marks none. One rule serves prose wrapping and the grid.
        let expected: [(Character, Int)] = [
            ("a", 1), ("Я", 1), ("ж", 1), ("θ", 1), ("─", 1), ("█", 1), ("⣿", 1), ("ᵀ", 1), ("√", 1), ("·", 1), ("∞", 1),
            ("中", 2), ("한", 2), ("😀", 2), ("\u{301}", 0),
        ]
        for (c, width) in expected {
            XCTAssertEqual(columnWidth(of: c), width, "\(c)")
        }
        XCTAssertEqual(columnWidth(of: "Я люблю трансформер"), 19)
        XCTAssertEqual(columnWidth(of: "中文"), 4)
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
        // Too wide for the column even as one group: it breaks after a `/`, never inside 10000.
        let ropeLines = layoutProse(parseProse("$$" + rope + "$$"), width: 12).map { $0.text.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(ropeLines.joined(), renderInlineMath(rope), "\(ropeLines)")
        XCTAssertTrue(ropeLines.dropLast().allSatisfy { $0.hasSuffix("/") }, "\(ropeLines)")
        // A group wider than the line breaks inside at a space, never inside a name.
        let inline = layoutProse(parseProse(#"as $\text{LayerNorm}(\text{SublayerOutput} + \text{SublayerInput})$."#), width: 30).map(\.text)
        XCTAssertEqual(inline, ["as LayerNorm(SublayerOutput +", "SublayerInput)."])
    }
}
