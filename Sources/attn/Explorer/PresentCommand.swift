import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// `attn present LESSON`: the explorer for a projector.
struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Present a lesson: large views, a step counter, no prose column.",
        discussion: "Run `attn notes` in a second terminal to follow along with the speaker notes.")

    @Argument(help: "A lesson id (e.g. masked), number, or file.")
    var lesson: String

    @Option(parsing: .unconditional, help: "Start at this step (numbered from 1); without it, on the lesson's introduction.")
    var step: Int?

    @OptionGroup var explorer: ExplorerOptions
    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let lesson = lessonVariant(try LessonLibrary.find(self.lesson, in: location), seed: variant.variantSeed)
        let first = try stepIndices(lesson, step).first ?? 0
        var state = AppState(lessons: [lesson], presenter: true, theme: explorer.theme == .dark ? .dark : .projector)
        state.open(lesson: 0, step: step == nil ? 0 : first)
        if step != nil { state.showingIntroduction = false }
        try runExplorer(state, options: explorer, presenterFile: presenterStateFile())
    }
}

/// `attn notes`: the speaker notes of the step `attn present` shows, following it.
struct Notes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show speaker notes, following `attn present` in another terminal.",
        discussion: "With --step, prints that step's notes once and exits.")

    @Argument(help: "A lesson id, number, or file.")
    var lesson: String

    @Option(parsing: .unconditional, help: "Print this step's notes once (numbered from 1) instead of following the presenter.")
    var step: Int?

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let lesson = try LessonLibrary.find(self.lesson, in: location)
        if let step {
            let i = try stepIndices(lesson, step)[0]
            print(notesText(lesson, i))
            return
        }
        let file = presenterStateFile()
        var shown: Int?
        print("Following `attn present \(lesson.id)` (\(file.path)); Ctrl-C to stop.")
        while true {
            if let data = try? Data(contentsOf: file),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               json["lesson"] as? String == lesson.id, let n = json["step"] as? Int, n != shown,
               lesson.steps.indices.contains(n - 1) {
                shown = n
                print("\u{1B}[2J\u{1B}[H" + notesText(lesson, n - 1))
                fflush(nil)   // all streams: Swift 6 refuses the C global `stdout`
            }
            usleep(200_000)
        }
    }
}

func notesText(_ lesson: Lesson, _ i: Int) -> String {
    let step = lesson.steps[i]
    return "\(lesson.title) — step \(i + 1)/\(lesson.steps.count): \(step.title)\n\n" + (step.notes ?? "(no speaker notes for this step)")
}
