import ArgumentParser
import Foundation
import LessonEngine

/// `attn lessons`: the lessons with their titles and step counts.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the lessons with their titles and step counts.")

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let library = LessonLibrary(directory: try location.resolve())
        print(lessonListText(library))
        if !library.diagnostics.isEmpty {
            printError("\(library.diagnostics.count) problem(s) in the lesson files: run `attn validate` to see them")
        }
    }
}

/// One line per lesson: number, id, title, steps.
func lessonListText(_ library: LessonLibrary) -> String {
    let idWidth = library.lessons.map(\.id.count).max() ?? 0
    return library.lessons.map { l in
        let number = l.order < 10 ? "0\(l.order)" : String(l.order)
        return "\(number)  \(l.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  \(l.title) (\(l.steps.count) steps)"
    }.joined(separator: "\n")
}

func printError(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
