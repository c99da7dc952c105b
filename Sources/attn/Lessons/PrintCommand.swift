import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine

/// `attn print LESSON`: steps rendered as text, for handouts, pipes and plain terminals.
struct Print: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a lesson's steps as text: prose, attention maps and softmax bars.")

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    @Argument(help: "A lesson id (e.g. soft-read), number, or file.")
    var lesson: String

    @Option(parsing: .unconditional, help: "Only this step (numbered from 1).")
    var step: Int?

    @Option(help: "Width in columns (40–400).")
    var width: Int = 80

    @Option(help: "Colour: auto (when stdout is a terminal and NO_COLOR is unset), always, never.")
    var color: ColorChoice = .auto

    @Flag(help: "Leave out the exercises (by default each step's exercises are printed, numbered, with room for answers).")
    var noExercises = false

    @Flag(help: "The answer key: each exercise with its computed answer and worked solution.")
    var key = false

    @OptionGroup var variant: VariantOption

    @OptionGroup var location: LessonDirectoryOption

    func validate() throws {
        guard (40...400).contains(width) else { throw ValidationError("--width must be between 40 and 400, got \(width)") }
        if key && noExercises { throw ValidationError("--key prints the exercises with their answers; it cannot go with --no-exercises") }
    }

    func run() throws {
        let lesson = lessonVariant(try LessonLibrary.find(self.lesson, in: location), seed: variant.variantSeed)
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = isatty(1) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
        let depth: ColorDepth = useColor ? .ansi256 : .monochrome
        let content: HandoutContent = key ? .key : noExercises ? .plain : .exercises
        var out = renderLessonText(lesson, steps: try stepIndices(lesson, step), width: width, depth: depth, content: content)
        if let who = variant.student.map({ "Student: \($0)" }) ?? variant.seed.map({ "Seed: \($0)" }) {
            out = who + (key ? " · answer key" : "") + "\n\n" + out
        } else if key {
            out = "Answer key\n\n" + out
        }
        print(out, terminator: "")
    }
}
