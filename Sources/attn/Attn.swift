import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// The `attn` command: a terminal course on the attention mechanism.
@main
struct Attn: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "attn",
        abstract: "Learn the attention mechanism of transformers, step by step, in the terminal.",
        discussion: """
            With no command, opens the full-screen lesson explorer (or, when stdout is not a \
            terminal, lists the lessons). Every number comes from a real CPU tensor kernel on OpenBLAS.
            """,
        version: version,
        subcommands: [Explore.self, Lessons.self, Print.self, Eval.self, Validate.self, Check.self, Progress.self, Present.self, Notes.self, Bench.self, ModelsCommand.self, ModelCommand.self],
        defaultSubcommand: Explore.self
    )
}

/// `attn` / `attn explore`: the full-screen explorer over every lesson.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the full-screen lesson explorer (the default command).")

    @OptionGroup var explorer: ExplorerOptions
    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let library = LessonLibrary(directory: try location.resolve())
        guard isatty(1) != 0, isatty(0) != 0 else {
            print(lessonListText(library))
            print("\nstdout is not a terminal: use `attn print LESSON` for text, or run attn in a terminal for the explorer.")
            return
        }
        for d in library.diagnostics { printError(d.description) }
        let lessons = library.lessons.map { lessonVariant($0, seed: variant.variantSeed) }
        let state = AppState(lessons: lessons, theme: explorer.theme == .projector ? .projector : .dark)
        try runExplorer(state, options: explorer, progress: ProgressStore(directory: ProgressStore.defaultDirectory()))
    }
}
