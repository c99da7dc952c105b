import Foundation
import LessonEngine
import XCTest

@testable import attn

/// The real binary in Russian: with LANG=ru_RU.UTF-8, with `--lang ru` under LANG=C.UTF-8, and
/// the live language key back to English; the CLI's reports and its `--lang` check.
final class LanguageEndToEndTests: XCTestCase {
    private var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    /// ru_RU.UTF-8 must exist for LANG=ru_RU.UTF-8 to give a UTF-8 terminal: `.ci/run` generates
    /// it. Missing, the test is skipped on a developer's machine and fails under CI.
    private func requireRussianLocale() throws {
        if let locale = newlocale(LC_CTYPE_MASK, "ru_RU.UTF-8", nil) {
            freelocale(locale)
            return
        }
        let message = "the ru_RU.UTF-8 locale is not installed (localedef -i ru_RU -f UTF-8 ru_RU.UTF-8)"
        if let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty {
            XCTFail(message + ", and CI must run this test")
            throw TmuxSession.Failure(description: message)
        }
        throw XCTSkip(message)
    }

    /// A number with a decimal comma, `0,45` or `1,00`.
    private func hasDecimalComma(_ screen: String) -> Bool {
        screen.range(of: #"[0-9],[0-9][0-9]"#, options: .regularExpression) != nil
    }

    /// Opens soft-read step 2 in the session and checks Russian words and numbers; then `L`
    /// switches to English on the same step.
    private func walkInRussianAndSwitchBack(_ session: TmuxSession) throws {
        try session.waitFor("attn — внимание, шаг за шагом")
        try session.waitFor("Уроки")
        try session.send(keys: "j", "j", "Enter")
        try session.waitFor("введение · 6 шагов")
        try session.send(keys: "Right", "Right")
        let screen = try session.waitFor("шаг 2/6")
        XCTAssertTrue(screen.contains("? клавиши  RU"), TmuxSession.framed(screen))
        XCTAssertTrue(hasDecimalComma(screen), "a decimal comma on screen:\n\(TmuxSession.framed(screen))")
        try session.type("?")
        try session.waitFor("клавиши (любая закрывает)")
        try session.send(keys: "Escape")
        try session.type("L")
        let english = try session.waitFor("step 2/6")
        XCTAssertTrue(english.contains("? keys  EN"), TmuxSession.framed(english))
        XCTAssertTrue(english.range(of: #"[0-9]\.[0-9][0-9]"#, options: .regularExpression) != nil, TmuxSession.framed(english))
        try session.type("L")
        try session.waitFor("шаг 2/6")
        try session.send(keys: "q")
        try session.waitFor("Уроки")
        try session.send(keys: "q")
        XCTAssertEqual(try session.waitForExit(), 0)
    }

    func testRussianFromLANG() throws {
        try requireRussianLocale()
        let session = try TmuxSession.attn(["--lessons", lessonsDirectory], width: 100, height: 30, environment: ["LANG": "ru_RU.UTF-8"])
        try walkInRussianAndSwitchBack(session)
    }

    func testRussianFromTheLangOptionUnderCUTF8() throws {
        let session = try TmuxSession.attn(["--lang", "ru", "--lessons", lessonsDirectory], width: 80, height: 24, environment: ["LANG": "C.UTF-8"])
        try walkInRussianAndSwitchBack(session)
    }

    func testLessonsAndPrintInRussian() throws {
        let lessons = try runAttn(["lessons", "--lang", "ru", "--lessons", lessonsDirectory])
        XCTAssertEqual(lessons.status, 0, lessons.stderr)
        XCTAssertTrue(lessons.stdout.contains("(6 шагов)") && lessons.stdout.contains("(3 шага)"), lessons.stdout)
        let fromEnvironment = try runAttn(["lessons", "--lessons", lessonsDirectory], environment: ["LANG": "ru_RU.UTF-8"])
        XCTAssertEqual(fromEnvironment.stdout, lessons.stdout)
        let english = try runAttn(["lessons", "--lessons", lessonsDirectory])
        XCTAssertTrue(english.stdout.contains("(6 steps)"), english.stdout)

        let printed = try runAttn(["print", "soft-read", "--step", "2", "--lang", "ru", "--color", "never", "--lessons", lessonsDirectory])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("шаг 2/6") && hasDecimalComma(printed.stdout), printed.stdout)
    }

    func testAnUnknownLanguageNamesTheAcceptedOnes() throws {
        for command in [["lessons"], ["print", "soft-read"], ["progress"], ["notes", "soft-read", "--step", "1"], ["check", "soft-read", "--answers", "x"]] {
            let r = try runAttn(command + ["--lang", "fr", "--lessons", lessonsDirectory])
            XCTAssertNotEqual(r.status, 0, "\(command)")
            XCTAssertTrue(r.stderr.contains("--lang takes en, ru, got 'fr'"), "\(command): \(r.stderr)")
        }
    }

    func testHelpInRussianBeforeParsing() throws {
        let help = try runAttn(["print", "--help", "--lang", "ru"])
        XCTAssertTrue(help.stdout.contains("Вывести шаги урока текстом"), help.stdout)
        XCTAssertTrue(help.stdout.contains("Ширина в столбцах"), help.stdout)
        let environment = try runAttn(["--help"], environment: ["LC_ALL": "ru_RU.UTF-8"])
        XCTAssertTrue(environment.stdout.contains("Механизм внимания трансформеров"), environment.stdout)
    }

    /// A command's failure and a broken lesson's diagnostics are told in Russian, with the file
    /// and the line.
    func testFailuresAndDiagnosticsInRussian() throws {
        let missing = try runAttn(["print", "nosuch", "--lang", "ru", "--lessons", lessonsDirectory])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.hasPrefix("Ошибка: нет урока 'nosuch'; есть уроки: hard-read"), missing.stderr)
        let english = try runAttn(["print", "nosuch", "--lessons", lessonsDirectory])
        XCTAssertTrue(english.stderr.hasPrefix("Error: no lesson 'nosuch'; the lessons are: hard-read"), english.stderr)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("attn-ru-\(UUID().uuidString).md")
        try "---\ntitle: t\n---\n## s\n```scene\ntokens: [a]\nop: nosuchop\n```\n".write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        let validated = try runAttn(["validate", broken.path], environment: ["LANG": "ru_RU.UTF-8"])
        XCTAssertEqual(validated.status, 1)
        XCTAssertTrue(validated.stdout.contains("\(broken.path):7:5: ошибка:"), validated.stdout)
    }

    func testNotesInRussian() throws {
        let r = try runAttn(["notes", "soft-read", "--step", "1", "--lang", "ru", "--lessons", lessonsDirectory])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("шаг 1/6"), r.stdout)
    }

    // MARK: The catalog and the language chosen before parsing

    func testCommandTextHasEveryKeyInEveryLanguage() {
        let problems = CatalogCheck.problems(CommandText.self, allowSameAsEnglish: [])
        XCTAssertTrue(problems.isEmpty, problems.joined(separator: "\n"))
    }

    func testTheLanguageIsChosenFromTheArgumentsThenTheEnvironment() {
        XCTAssertEqual(chosenLanguage(arguments: ["attn", "--lang", "ru"], environment: [:]), .ru)
        XCTAssertEqual(chosenLanguage(arguments: ["attn", "print", "x", "--lang=RU"], environment: [:]), .ru)
        XCTAssertEqual(chosenLanguage(arguments: ["attn", "--lang", "en"], environment: ["LANG": "ru_RU.UTF-8"]), .en)
        XCTAssertEqual(chosenLanguage(arguments: ["attn"], environment: ["LANG": "ru_RU.UTF-8"]), .ru)
        XCTAssertEqual(chosenLanguage(arguments: ["attn", "--lang", "fr"], environment: ["LC_MESSAGES": "ru_RU.UTF-8", "LANG": "C"]), .ru)
        XCTAssertEqual(chosenLanguage(arguments: ["attn", "--", "--lang", "ru"], environment: [:]), .en)
    }
}
