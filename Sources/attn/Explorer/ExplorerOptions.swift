import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine
import TerminalBackend

/// Options of the full-screen explorer.
struct ExplorerOptions: ParsableArguments {
    enum ColorOption: String, ExpressibleByArgument, CaseIterable { case auto, monochrome, ansi8, ansi256, direct }
    enum ThemeOption: String, ExpressibleByArgument, CaseIterable { case dark, projector }

    @Option(help: "Colours: auto (detect; NO_COLOR gives monochrome), monochrome, ansi8, ansi256, direct.")
    var color: ColorOption = .auto

    @Option(help: "Theme: dark, or projector (high contrast on a light background).")
    var theme: ThemeOption?

    var forcedDepth: ColorDepth? {
        switch color {
        case .auto: return nil
        case .monochrome: return .monochrome
        case .ansi8: return .ansi8
        case .ansi256: return .ansi256
        case .direct: return .direct
        }
    }
}

/// Runs the explorer full screen; the terminal is restored on every way out.
func runExplorer(_ state: AppState, options: ExplorerOptions, presenterFile: URL? = nil, progress: ProgressStore? = nil) throws {
    var program = ExplorerProgram(state: state, presenterFile: presenterFile, progress: progress)
    if let progress {
        do {
            let (data, warning) = try progress.load()
            program.state.solved = data.lessons.mapValues { Set($0.filter { $0.value.solved }.keys) }
            program.state.statusMessage = warning
        } catch {
            program.state.statusMessage = "\(error)"
        }
    }
    program.publishStep()
    // A TerminalError (not a terminal, not UTF-8, unknown TERM) describes itself; the terminal is
    // already restored when it arrives here.
    let outcome = try runFullScreen(&program, depth: options.forcedDepth)
    if outcome != .quit { throw ExitCode(outcome.exitStatus) }
}
