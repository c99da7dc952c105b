import ExplorerUI
import Foundation
import LessonEngine
import TerminalBackend

/// The explorer as a program for the terminal run loop: events become messages for `update`,
/// frames come from `view`. In presenter mode it also publishes the current step for `attn notes`.
struct ExplorerProgram: TerminalProgram {
    var state: AppState
    var presenterFile: URL?

    mutating func handle(_ event: TerminalEvent) throws -> Bool {
        switch event {
        case .key(let key): update(&state, .key(key))
        case .resize: break                       // the next render uses the new size
        case .interrupted: return false
        }
        publishStep()
        return !state.wantsQuit
    }

    func render(width: Int, height: Int, depth: ColorDepth) -> CellGrid {
        var s = state
        s.depth = depth
        return view(s, width: width, height: height)
    }

    /// Writes {lesson, step} for `attn notes` to follow (atomically: a temporary file, then a rename).
    func publishStep() {
        guard let presenterFile, let lesson = state.lesson else { return }
        let text = "{\"lesson\": \"\(lesson.id)\", \"step\": \(state.step + 1)}\n"
        try? text.write(to: presenterFile, atomically: true, encoding: .utf8)
    }
}

/// Where `attn present` says which step is on screen: $XDG_RUNTIME_DIR/attn/presenter.json, else
/// a per-user folder in the temporary directory.
func presenterStateFile() -> URL {
    let env = ProcessInfo.processInfo.environment
    let base = env["XDG_RUNTIME_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("attn-\(getuid())")
    let dir = base.appendingPathComponent("attn")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("presenter.json")
}
