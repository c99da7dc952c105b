import ArgumentParser
import ExplorerUI
import Foundation
import LessonEngine
import TerminalBackend

/// Options of the full-screen explorer.
struct ExplorerOptions: ParsableArguments {
    enum ColorOption: String, ExpressibleByArgument, CaseIterable { case auto, monochrome, ansi8, ansi256, direct }
    enum ThemeOption: String, ExpressibleByArgument, CaseIterable { case dark, projector }

    @Option(help: ArgumentHelp(say(.colorHelp)))
    var color: ColorOption = .auto

    @Option(help: ArgumentHelp(say(.themeHelp)))
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
            program.state.seenSteps.merge(data.stepsSeen.mapValues(Set.init)) { $0.union($1) }
            program.state.statusMessage = warning.map { progressMessageText($0, state.language) }
        } catch {
            program.state.statusMessage = engineErrorText(error, state.language)
        }
    }
    program.publishStep()
    // A TerminalError (not a terminal, not UTF-8, unknown TERM) is told in the learner's
    // language; the terminal is already restored when it arrives here.
    let outcome: RunOutcome
    do {
        outcome = try runFullScreen(&program, depth: options.forcedDepth)
    } catch let error as TerminalError {
        throw CommandFailure(error.text(state.language))
    }
    if outcome != .quit { throw ExitCode(outcome.exitStatus) }
}
