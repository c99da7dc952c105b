import LessonEngine
import XCTest

@testable import TerminalBackend

/// The backend's errors in every language.
final class TerminalTextTests: XCTestCase {
    func testTerminalTextHasEveryKeyInEveryLanguage() {
        let problems = CatalogCheck.problems(TerminalText.self)
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    func testErrorsInRussianAndEnglish() {
        let notUTF8 = TerminalError.notUTF8(variable: "LANG", value: "ru_RU", codeset: "ISO-8859-5")
        XCTAssertEqual(notUTF8.description, notUTF8.text(.en))
        XCTAssertTrue(notUTF8.description.hasPrefix("attn needs a UTF-8 locale; LANG=ru_RU gives ISO-8859-5"), notUTF8.description)
        XCTAssertTrue(notUTF8.text(.ru).hasPrefix("attn нужна локаль UTF-8; LANG=ru_RU даёт ISO-8859-5"), notUTF8.text(.ru))
        XCTAssertTrue(TerminalError.notATerminal(stream: "standard output").text(.ru).contains("стандартный вывод — не терминал"))
        XCTAssertTrue(TerminalError.unknownTerminal(term: "").text(.ru).contains("TERM не задан"))
        XCTAssertEqual(TerminalError.unknownTerminal(term: "vt999").description,
                       "attn cannot drive this terminal: TERM=vt999 is not in the terminfo database; try TERM=xterm-256color")
    }
}
