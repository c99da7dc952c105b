import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// `attn lessons`: the lessons with their titles and step counts.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say(.lessonsAbstract))

    @OptionGroup var lang: LanguageOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let language = lang.language
        let library = LessonLibrary(directory: try location.resolve())
        print(lessonListText(library, language: language))
        if !library.diagnostics.isEmpty {
            printError(CommandText.lessonProblems.counted(library.diagnostics.count, language))
        }
    }
}

/// One line per lesson: number, id, title (in `language`), steps.
func lessonListText(_ library: LessonLibrary, language: Language = .en) -> String {
    let idWidth = library.lessons.map(\.id.count).max() ?? 0
    return library.lessons.map { source in
        let l = source.localized(to: language.rawValue)
        let number = l.order < 10 ? "0\(l.order)" : String(l.order)
        return "\(number)  \(l.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  \(l.title) (\(ScreenText.stepCount.counted(l.steps.count, language)))"
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
