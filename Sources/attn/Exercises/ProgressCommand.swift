import ArgumentParser
import Foundation
import LessonEngine

/// `attn progress`: what is done per lesson; `--reset` clears it.
struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.progressAbstract),
        discussion: say(.progressDiscussion))

    @Flag(help: ArgumentHelp(say(.progressResetHelp)))
    var reset = false

    @Flag(help: ArgumentHelp(say(.progressYesHelp)))
    var yes = false

    @Option(help: ArgumentHelp(say(.progressLessonHelp)))
    var lesson: String?

    @OptionGroup var lang: LanguageOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let language = lang.language
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        if reset {
            let what = lesson.map { CommandText.progressOfLesson.text(language, ["lesson": $0]) } ?? CommandText.progressAll.text(language)
            if !yes {
                print(CommandText.progressConfirm.text(language, ["what": what, "path": store.fileURL.path]), terminator: "")
                // "yes" in every language, and the language's own word (да).
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
                guard let answer, answer == "yes" || answer == CommandText.progressYesWord.text(language).lowercased() else {
                    print(CommandText.progressNothingCleared.text(language))
                    throw ExitCode(1)
                }
            }
            try store.reset(lesson: lesson)                     // a ProgressError says which file and why
            print(CommandText.progressCleared.text(language, ["what": what]))
            return
        }
        // Only reads: no directory, lock or side file is created, nothing is moved.
        let loaded = store.inspect()
        if let warning = loaded.warning { printError(progressMessageText(warning, language)) }
        let library = LessonLibrary(directory: try location.resolve())
        for l in library.lessons {
            let total = lessonExercises(l).steps.reduce(0) { $0 + $1.exercises.count }
            let done = loaded.data.lessons[l.id]?.values.filter(\.solved).count ?? 0
            let seen = loaded.data.stepsSeen[l.id]?.filter { l.steps.indices.contains($0) }.count ?? 0
            print("\(l.id.padding(toLength: 20, withPad: " ", startingAt: 0)) " + CommandText.progressLine.text(language, ["done": String(done), "total": String(total)])
                  + " · " + CommandText.progressStepsLine.text(language, ["seen": String(seen), "count": String(l.steps.count)]))
        }
    }
}
