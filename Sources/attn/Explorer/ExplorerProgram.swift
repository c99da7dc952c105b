import ExplorerUI
import Foundation
import LessonEngine
import TerminalBackend

/// The explorer as a program for the terminal run loop: events become messages for `update`,
/// frames come from `view`. In presenter mode it also publishes the current step for `attn notes`.
struct ExplorerProgram: TerminalProgram {
    var state: AppState
    var presenterFile: URL?
    /// Where answers are saved; nil keeps progress in memory only (presenter mode).
    var progress: ProgressStore?

    mutating func handle(_ event: TerminalEvent) throws -> Bool {
        switch event {
        case .key(.function(12)) where TestFault.requested != nil: TestFault.requested?.trigger()
        case .key(let key):
            // A message stays until the next key, which may set a new one.
            state.statusMessage = nil
            update(&state, .key(key))
        case .resize: break                       // the next render uses the new size
        case .interrupted: return false
        }
        publishStep()
        saveProgress()
        return !state.wantsQuit
    }

    func render(width: Int, height: Int, depth: ColorDepth) -> CellGrid {
        var s = state
        s.depth = depth
        return view(s, width: width, height: height)
    }

    /// Saves what `update` queued; a failure is shown on the status line, never lost silently.
    mutating func saveProgress() {
        let records = state.pendingProgress
        state.pendingProgress = []
        guard let progress else { return }
        for r in records {
            do {
                let (_, warning) = try progress.update(lesson: r.lesson, exercise: r.exercise) { p in
                    if r.solved { p.solved = true }
                    if r.countsAsTry { p.tries += 1 }
                    p.hintsUsed = max(p.hintsUsed, r.hintsUsed)
                }
                if let warning { state.statusMessage = progressMessageText(warning, state.language) }
            } catch {
                state.statusMessage = CommandText.progressNotSaved.text(state.language, ["error": engineErrorText(error, state.language)])
            }
        }
    }

    /// What was last written for `attn notes`, so a key press that does not change the step writes nothing.
    private(set) var published: String? = nil

    /// Writes {lesson, step} for `attn notes` to follow (atomically: a temporary file, then a rename).
    mutating func publishStep() {
        guard let presenterFile, let lesson = state.lesson else { return }
        let text = "{\"lesson\": \"\(lesson.id)\", \"step\": \(state.step + 1)}\n"
        guard text != published else { return }
        if (try? text.write(to: presenterFile, atomically: true, encoding: .utf8)) != nil { published = text }
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
