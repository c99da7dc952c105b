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

    @OptionGroup var location: LessonDirectoryOption

    func validate() throws {
        guard (40...400).contains(width) else { throw ValidationError("--width must be between 40 and 400, got \(width)") }
    }

    func run() throws {
        let lesson = try LessonLibrary.find(self.lesson, in: location)
        let useColor: Bool
        switch color {
        case .always: useColor = true
        case .never: useColor = false
        case .auto: useColor = isatty(1) != 0 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
        let depth: ColorDepth = useColor ? .ansi256 : .monochrome
        var out = ""
        for i in try stepIndices(lesson, step) {
            out += renderStepText(lesson, step: i, width: width, depth: depth)
        }
        print(out, terminator: "")
    }
}
