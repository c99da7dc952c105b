import ExplorerUI
import XCTest

final class TextFitTests: XCTestCase {
    func testFormatFixed() {
        XCTAssertEqual(formatFixed(0.4199, decimals: 2), "0.42")
        XCTAssertEqual(formatFixed(-1.25, decimals: 1), "-1.3", "half away from zero")
        XCTAssertEqual(formatFixed(-0.001, decimals: 2), "0.00", "no negative zero")
        XCTAssertEqual(formatFixed(12, decimals: 0), "12")
        XCTAssertEqual(formatFixed(0.05, decimals: 3), "0.050")
        XCTAssertEqual(formatFixed(-.infinity, decimals: 2), "-∞")
        XCTAssertEqual(formatFixed(.infinity, decimals: 2), "∞")
        XCTAssertEqual(formatFixed(.nan, decimals: 2), "NaN")
    }

    func testFormatCompactFitsTheWidth() {
        XCTAssertEqual(formatCompact(0.42, width: 4), "0.42")
        XCTAssertEqual(formatCompact(0.42, width: 3), ".42")
        // Never a rounded value: too narrow for two decimals is too narrow for any number.
        XCTAssertNil(formatCompact(0.42, width: 2), "0.42 must not show as .4")
        XCTAssertNil(formatCompact(0.45, width: 1), "0.45 must not show as 0")
        XCTAssertNil(formatCompact(1, width: 3), "1.00 must not show as 1.0")
        XCTAssertEqual(formatCompact(-0.5, width: 4), "-.50")
        XCTAssertNil(formatCompact(-0.5, width: 3), "-0.50 must not show as -.5")
        XCTAssertNil(formatCompact(-2.04, width: 3), "-2.04 must not show as -2")
        XCTAssertEqual(formatCompact(123, width: 6), "123.00")
        XCTAssertNil(formatCompact(123, width: 3))
    }

    func testTruncateAndPadByDisplayWidth() {
        XCTAssertEqual(truncatedText("трансформер", width: 6), "транс…")
        XCTAssertEqual(truncatedText("Я", width: 6), "Я")
        XCTAssertEqual(truncatedText("中文字", width: 4), "中…")
        XCTAssertEqual(paddedText("люблю", width: 7, alignment: .right), "  люблю")
        XCTAssertEqual(paddedText("Я", width: 4, alignment: .center), " Я  ")
        XCTAssertEqual(columnWidth(of: paddedText("中", width: 5)), 5)
    }
}
