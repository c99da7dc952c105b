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
        XCTAssertEqual(formatCompact(0.42, width: 2), ".4")
        XCTAssertEqual(formatCompact(1, width: 3), "1.0")
        XCTAssertEqual(formatCompact(-0.5, width: 3), "-.5")
        XCTAssertEqual(formatCompact(123, width: 3), "123")
        XCTAssertNil(formatCompact(1234, width: 3))
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
