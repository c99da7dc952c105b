import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// `attn present LESSON`: the explorer for a projector.
struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.presentAbstract),
        discussion: say(.presentDiscussion))

    @Argument(help: ArgumentHelp(say(.lessonArgumentHelp, ["example": "masked"])))
    var lesson: String

    @Option(parsing: .unconditional, help: ArgumentHelp(say(.presentStepHelp)))
    var step: Int?

    @OptionGroup var explorer: ExplorerOptions
    @OptionGroup var lang: LanguageOption
    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let lesson = lessonVariant(try LessonLibrary.find(self.lesson, in: location), seed: variant.variantSeed)
        let first = try stepIndices(lesson, step).first ?? 0
        var state = AppState(lessons: [lesson], presenter: true, theme: explorer.theme == .dark ? .dark : .projector, language: lang.language)
        state.open(lesson: 0, step: step == nil ? 0 : first)
        if step != nil { state.leaveIntroduction() }
        try runExplorer(state, options: explorer, presenterFile: presenterStateFile())
    }
}

/// `attn notes`: the speaker notes of the step `attn present` shows, following it.
struct Notes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.notesAbstract),
        discussion: say(.notesDiscussion))

    @Argument(help: ArgumentHelp(say(.lessonArgumentHelp, ["example": "masked"])))
    var lesson: String

    @Option(parsing: .unconditional, help: ArgumentHelp(say(.notesStepHelp)))
    var step: Int?

    @OptionGroup var lang: LanguageOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let language = lang.language
        let lesson = try LessonLibrary.find(self.lesson, in: location).localized(to: language.rawValue)
        if let step {
            let i = try stepIndices(lesson, step)[0]
            print(notesText(lesson, i, language: language))
            return
        }
        let file = presenterStateFile()
        var shown: Int?
        print(CommandText.notesFollowing.text(language, ["lesson": lesson.id, "path": file.path]))
        while true {
            if let data = try? Data(contentsOf: file),
               let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               json["lesson"] as? String == lesson.id, let n = json["step"] as? Int, n != shown,
               lesson.steps.indices.contains(n - 1) {
                shown = n
                print("\u{1B}[2J\u{1B}[H" + notesText(lesson, n - 1, language: language))
                fflush(nil)   // all streams: Swift 6 refuses the C global `stdout`
            }
            usleep(200_000)
        }
    }
}

func notesText(_ lesson: Lesson, _ i: Int, language: Language = .en) -> String {
    let step = lesson.steps[i]
    let counter = ScreenText.stepCounter.text(language, ["step": String(i + 1), "count": String(lesson.steps.count)])
    return "\(lesson.title) — \(counter): \(step.title)\n\n" + (step.notes ?? CommandText.noSpeakerNotes.text(language))
}
