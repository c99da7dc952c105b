import ArgumentParser
import Foundation
import LessonEngine

/// `attn validate [FILES…]`: every problem, as file:line:column and a sentence.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check lesson files and report every problem with file:line:column.",
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
            for note in validationNotes(at: url) { printError(note) }
        }
        let summary = "\(urls.count) file\(urls.count == 1 ? "" : "s") checked, \(problems) problem\(problems == 1 ? "" : "s")"
        printError(summary)
        if problems > 0 || urls.isEmpty { throw ExitCode(1) }
    }
}
