import ArgumentParser
import Foundation
import LessonEngine

/// `attn validate [FILES…]`: every problem, as file:line:column and a sentence.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.validateAbstract),
        discussion: say(.validateDiscussion))

    @Argument(help: ArgumentHelp(say(.validateFilesHelp)))
    var files: [String] = []

    @OptionGroup var lang: LanguageOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let urls = files.isEmpty ? lessonFiles(in: try location.resolve()) : files.map { URL(fileURLWithPath: $0) }
        var problems = 0
        for url in urls {
            let diagnostics = validateLesson(at: url)
            problems += diagnostics.count
            for d in diagnostics { print(diagnosticText(d, lang.language)) }
            for note in validationNotes(at: url, language: lang.language) { printError(note) }
        }
        let summary = CommandText.filesChecked.counted(urls.count, lang.language) + ", " + CommandText.problemCount.counted(problems, lang.language)
        printError(summary)
        if problems > 0 || urls.isEmpty { throw ExitCode(1) }
    }
}
