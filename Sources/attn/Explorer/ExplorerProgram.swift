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

    /// When the `•` changed-cell marks on screen fade, and which marks those are.
    private(set) var marksFade: (generation: Int, at: ContinuousClock.Instant)? = nil

    var tickMilliseconds: Int? {
        guard let fade = marksFade else { return nil }
        let left = ContinuousClock.now.duration(to: fade.at).components
        return max(1, Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000))
    }

    mutating func tick() throws -> Bool {
        if let fade = marksFade, ContinuousClock.now >= fade.at {
            state.fadeChangeMarks()
            marksFade = nil
        }
        return true
    }

    /// Times marks that a key has just made: they fade after `changeMarkMilliseconds`.
    private mutating func timeChangeMarks() {
        guard state.showsChangeMarks else { marksFade = nil; return }
        if marksFade?.generation != state.changeGeneration {
            marksFade = (state.changeGeneration, ContinuousClock.now.advanced(by: .milliseconds(changeMarkMilliseconds)))
        }
    }

    mutating func handle(_ event: TerminalEvent) throws -> Bool {
        switch event {
        case .key(.function(12)) where TestFault.requested != nil: TestFault.requested?.trigger()
        case .key(let key):
            // A message stays until the next key, which may set a new one.
            state.statusMessage = nil
            update(&state, .key(key))
        case .resize(_, let height): state.screenHeight = height   // the next render uses the new size
        case .interrupted: return false
        }
        publishStep()
        saveProgress()
        timeChangeMarks()
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
        let seen = state.pendingSeenSteps
        state.pendingProgress = []
        state.pendingSeenSteps = []
        guard let progress else { return }
        // Steps seen, one write per lesson; what another explorer saw meanwhile comes back too.
        for lesson in Set(seen.map(\.lesson)).sorted() {
            do {
                let (steps, warning) = try progress.markSeen(lesson: lesson, steps: seen.filter { $0.lesson == lesson }.map(\.step))
                state.seenSteps[lesson, default: []].formUnion(steps)
                if let warning { state.statusMessage = progressMessageText(warning, state.language) }
            } catch {
                state.statusMessage = CommandText.progressNotSaved.text(state.language, ["error": engineErrorText(error, state.language)])
            }
        }
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
