import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// `attn print LESSON`: steps rendered as text, for handouts, pipes and plain terminals.
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.printAbstract))

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: ArgumentHelp(say(.lessonArgumentHelp, ["example": "soft-read"])))
    var lesson: String

    @Option(parsing: .unconditional, help: ArgumentHelp(say(.printStepHelp)))
    var step: Int?

    @Option(help: ArgumentHelp(say(.printWidthHelp)))
    var width: Int = 80

    @Option(help: ArgumentHelp(say(.printColorHelp)))
    var color: ColorChoice = .auto

    @Flag(help: ArgumentHelp(say(.printNoExercisesHelp)))
    var noExercises = false

    @Flag(help: ArgumentHelp(say(.printKeyHelp)))
    var key = false

    @OptionGroup var variant: VariantOption
    @OptionGroup var lang: LanguageOption

    @OptionGroup var location: LessonDirectoryOption

    func validate() throws {
        guard (40...400).contains(width) else { throw ValidationError(say(.printWidthInvalid, ["width": String(width)])) }
        if key && noExercises { throw ValidationError(say(.printKeyWithNoExercises)) }
    }

    func run() throws {
        let language = lang.language
        let lesson = lessonVariant(try LessonLibrary.find(self.lesson, in: location), seed: variant.variantSeed).localized(to: language.rawValue)
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = isatty(1) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
        let depth: ColorDepth = useColor ? .ansi256 : .monochrome
        let content: HandoutContent = key ? .key : noExercises ? .plain : .exercises
        var out = renderLessonText(lesson, steps: try stepIndices(lesson, step), width: width, depth: depth, content: content, language: language)
        if let who = variant.student.map({ CommandText.printStudent.text(language, ["name": $0]) }) ?? variant.seed.map({ CommandText.printSeed.text(language, ["seed": String($0)]) }) {
            out = who + (key ? " · " + CommandText.printAnswerKeyLower.text(language) : "") + "\n\n" + out
        } else if key {
            out = CommandText.printAnswerKey.text(language) + "\n\n" + out
        }
        print(out, terminator: "")
    }
}
