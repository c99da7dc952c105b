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
        abstract: say(.attnAbstract),
        discussion: say(.attnDiscussion),
        version: version,
        subcommands: [Explore.self, Lessons.self, Print.self, Eval.self, Validate.self, Check.self, Progress.self, Present.self, Notes.self, Bench.self, ModelsCommand.self, ModelCommand.self],
        defaultSubcommand: Explore.self
    )

    /// ArgumentParser's own entry point, except that a command's failure (`CommandFailure`) is
    /// introduced in the user's language: `Ошибка: …` in Russian, `Error: …` as before in English.
    /// Help, usage and argument mistakes are ArgumentParser's.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((say(.errorPrefix) + ": " + failure.description + "\n").utf8))
            Foundation.exit(ExitCode.failure.rawValue)
        } catch {
            exit(withError: error)
        }
    }
}

/// `attn` / `attn explore`: the full-screen explorer over every lesson.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: say(.exploreAbstract))

    @OptionGroup var explorer: ExplorerOptions
    @OptionGroup var lang: LanguageOption
    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let language = lang.language
        let library = LessonLibrary(directory: try location.resolve())
        guard isatty(1) != 0, isatty(0) != 0 else {
            print(lessonListText(library, language: language))
            print("\n" + CommandText.notATerminalList.text(language))
            return
        }
        for d in library.diagnostics { printError(diagnosticText(d, language)) }
        let lessons = library.lessons.map { lessonVariant($0, seed: variant.variantSeed) }
        let state = AppState(lessons: lessons, theme: explorer.theme == .projector ? .projector : .dark, language: language)
        try runExplorer(state, options: explorer, progress: ProgressStore(directory: ProgressStore.defaultDirectory()))
    }
}
