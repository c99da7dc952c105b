import ArgumentParser
import Foundation
import LessonEngine

/// `attn validate [FILES…]`: every problem, as file:line:column and a sentence.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.validateAbstract),
        discussion: "With no files, checks every lesson in the lessons folder. Exits non-zero on any problem.")

    @Argument(help: "Lesson files to check (default: all of Lessons/).")
    var files: [String] = []

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let urls = files.isEmpty ? lessonFiles(in: try location.resolve()) : files.map { URL(fileURLWithPath: $0) }
        var problems = 0
        for url in urls {
            let diagnostics = validateLesson(at: url)
            problems += diagnostics.count
            for d in diagnostics { print(d) }
        }
        let summary = CommandText.filesChecked.counted(urls.count, commandLanguage) + ", " + CommandText.problemCount.counted(problems, commandLanguage)
        printError(summary)
        if problems > 0 || urls.isEmpty { throw ExitCode(1) }
    }
}
