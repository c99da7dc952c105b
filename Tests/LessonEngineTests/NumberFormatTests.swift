import XCTest
@testable import LessonEngine

/// The one number formatter: the same digits in every language, only the decimal mark and the
/// list separator differ, and nothing depends on the machine's locale.
final class NumberFormatTests: XCTestCase {
    func testFixedDigitsInBothLanguages() {
        XCTAssertEqual(NumberFormat.english.fixed(0.4567, decimals: 2), "0.46")
        XCTAssertEqual(NumberFormat.russian.fixed(0.4567, decimals: 2), "0,46")
        XCTAssertEqual(NumberFormat.russian.fixed(-2.04, decimals: 1), "-2,0")
        XCTAssertEqual(NumberFormat.english.fixed(-0.001, decimals: 2), "0.00", "no -0.00")
        XCTAssertEqual(NumberFormat.english.fixed(3, decimals: 0), "3")
        XCTAssertEqual(NumberFormat.english.fixed(-.infinity, decimals: 2), "-∞")
        XCTAssertEqual(NumberFormat.english.fixed(.nan, decimals: 2), "NaN")
        XCTAssertEqual(NumberFormat.english.fixed(1e300, decimals: 2), "huge")
    }

    func testShortDropsTrailingZerosAndKeepsSmallValuesReadable() {
        let en = NumberFormat.english, ru = NumberFormat.russian
        XCTAssertEqual(en.short(3), "3")
        XCTAssertEqual(en.short(0.25), "0.25")
        XCTAssertEqual(ru.short(0.25), "0,25")
        XCTAssertEqual(en.short(1.0 / 3), "0.3333")
        XCTAssertEqual(en.short(0.000123456), "0.000123", "below 0.001: three significant digits")
        XCTAssertEqual(ru.short(0.000123456), "0,000123")
        XCTAssertEqual(en.short(1.23456e-7), "1.23e-07")
        XCTAssertEqual(en.short(-.infinity), "-inf")
        XCTAssertEqual(en.short(0.05, decimals: 6), "0.05")
        XCTAssertEqual(en.short(1e-5, decimals: 6), "0.00001")
        XCTAssertEqual(en.short(1e-7, decimals: 6), "1e-07")
        XCTAssertEqual(en.short(-0.00001, decimals: 2), "-1e-05")
    }

    func testVectorsNeverUseTheDecimalMarkAsSeparator() {
        XCTAssertEqual(NumberFormat.english.vector([0.5, 0.25, 1]), "[0.5, 0.25, 1]")
        XCTAssertEqual(NumberFormat.russian.vector([0.5, 0.25, 1]), "[0,5; 0,25; 1]")
    }

    func testParseReadsWhatEachLanguageWrites() {
        for x in [0.5, -1.25, 3, 0.000123, 1.0 / 3] {
            for format in [NumberFormat.english, .russian] {
                let text = format.short(x)
                XCTAssertEqual(try XCTUnwrap(NumberFormat.russian.parse(text), text), x, accuracy: abs(x) * 1e-3, text)
            }
        }
        XCTAssertEqual(NumberFormat.english.parse("0,5"), nil, "English reads only the point")
        XCTAssertEqual(NumberFormat.russian.parse("−2,5"), -2.5, "U+2212 minus")
        XCTAssertEqual(NumberFormat.russian.parse("-∞"), -.infinity)
        XCTAssertNil(NumberFormat.russian.parse("1,000.5"), "no thousands separators")
        XCTAssertNil(NumberFormat.russian.parse("0x10"))
        XCTAssertNil(NumberFormat.russian.parse(""))
    }

    func testLanguageFromTheEnvironment() {
        XCTAssertEqual(Language.fromEnvironment(["LANG": "ru_RU.UTF-8"]), .ru)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "ru_RU.UTF-8", "LC_MESSAGES": "en_US.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "ru_UA.UTF-8", "LANG": "en_GB.UTF-8"]), .ru)
        XCTAssertEqual(Language.fromEnvironment(["LC_ALL": "", "LANG": "ru"]), .ru, "an empty variable does not count")
        XCTAssertEqual(Language.fromEnvironment(["LANG": "C.UTF-8"]), .en)
        XCTAssertEqual(Language.fromEnvironment(["LANG": "de_DE.UTF-8"]), .en, "a language attn lacks means English")
        XCTAssertEqual(Language.fromEnvironment([:]), .en)
        XCTAssertEqual(Language(code: "RU"), .ru)
        XCTAssertNil(Language(code: "russian"))
        XCTAssertEqual(Language.en.next, .ru)
        XCTAssertEqual(Language.ru.next, .en)
    }

    func testCatalogPlaceholdersAndChecks() {
        XCTAssertEqual(fillPlaceholders("шаг {step} из {count}", ["step": "3", "count": "7"]), "шаг 3 из 7")
        XCTAssertEqual(fillPlaceholders("{a} and {unknown} {", ["a": "x"]), "x and {unknown} {")
        XCTAssertEqual(placeholders(in: "{a} {b_2} $\\frac{1}{2}$ { c }"), ["a", "b_2", "1", "2"])
    }
}
