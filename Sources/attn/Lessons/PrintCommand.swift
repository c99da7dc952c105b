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

    @Option(help: "Only this step (numbered from 1).")
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

/// One step as text: a heading, the prose, then each view drawn by the same widgets as the explorer.
func renderStepText(_ lesson: Lesson, step index: Int, width: Int, depth: ColorDepth) -> String {
    let step = lesson.steps[index]
    let theme = Theme.dark.reduced(to: depth)
    var blocks: [CellGrid] = []
    var heading = CellGrid(width: width, height: 2)
    heading.put("\(lesson.title) — step \(index + 1)/\(lesson.steps.count): \(step.title)", x: 0, y: 0, style: theme.title)
    blocks.append(heading)
    let prose = ProseView(markdown: step.prose, depth: depth, theme: theme)
    let proseHeight = prose.lineCount(width: width)
    var proseGrid = CellGrid(width: width, height: proseHeight + 1)
    prose.render(in: Rect(x: 0, y: 0, width: width, height: proseHeight), grid: &proseGrid)
    blocks.append(proseGrid)
    if let scene = step.scene {
        do {
            let computed = try evaluate(scene, overrides: [:])
            let renderer = SceneRenderer(scene: computed, style: SceneStyle(depth: depth, theme: theme))
            for v in renderer.drawableViews {
                let h = renderer.preferredHeight(of: v, width: width) + 2
                var g = CellGrid(width: width, height: h)
                let inner = Box(title: v.title, theme: theme).render(in: g.bounds, grid: &g)
                var plain = v
                plain.title = ""
                renderer.render(plain, in: inner, grid: &g)
                blocks.append(g)
            }
        } catch {
            var g = CellGrid(width: width, height: 2)
            g.put("scene error: \(error)", x: 0, y: 0, style: theme.error)
            blocks.append(g)
        }
    }
    return blocks.map { ansiText($0, depth: depth) }.joined(separator: "\n") + "\n\n"
}
