import ArgumentParser
import Foundation
import LessonEngine

/// `attn progress`: what is done per lesson; `--reset` clears it.
struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show solved exercises per lesson, or clear them with --reset.",
        discussion: "Progress lives in $XDG_STATE_HOME/attn/progress.json (default ~/.local/state/attn/).")

    @Flag(help: "Clear saved progress (asks first unless --yes).")
    var reset = false

    @Flag(help: "Do not ask before --reset.")
    var yes = false

    @Option(help: "Reset only this lesson id.")
    var lesson: String?

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        if reset {
            let what = lesson.map { "the progress of lesson '\($0)'" } ?? "all saved progress"
            if !yes {
                print("Clear \(what) in \(store.fileURL.path)? Type yes to confirm: ", terminator: "")
                guard readLine()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes" else {
                    print("Nothing was cleared.")
                    throw ExitCode(1)
                }
            }
            try store.reset(lesson: lesson)                     // a ProgressError says which file and why
            print("Cleared \(what).")
            return
        }
        // Only reads: no directory, lock or side file is created, nothing is moved.
        let loaded = store.inspect()
        if let warning = loaded.warning { printError(warning) }
        let library = LessonLibrary(directory: try location.resolve())
        for l in library.lessons {
            let total = lessonExercises(l).steps.reduce(0) { $0 + $1.exercises.count }
            let done = loaded.data.lessons[l.id]?.values.filter(\.solved).count ?? 0
            print("\(l.id.padding(toLength: 20, withPad: " ", startingAt: 0)) \(done)/\(total) exercises solved")
        }
    }
}
