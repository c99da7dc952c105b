import ExplorerUI
import Foundation
import LessonEngine
import TerminalBackend

/// One lesson's frame times, as printed by `attn bench --ui`.
struct FrameResult: Codable {
    var name = "frame"
    var lesson: String
    var width: Int
    var height: Int
    /// Key presses measured: one per step change and per control change.
    var frames: Int
    var median_ms: Double
    var max_ms: Double
}

/// Measures what a key press costs without a terminal: update, then view, then the grid diff the
/// backend would draw. The terminal's own write is not included.
struct FrameBenchmark {
    var lessons: [Lesson]
    var width = 200
    var height = 60

    func run() -> [FrameResult] {
        lessons.indices.map { index in
            var state = AppState(lessons: lessons, depth: .direct)
            state.open(lesson: index)
            var previous = view(state, width: width, height: height)
            var times: [Double] = []
            func press(_ key: Key) {
                var next = CellGrid(width: 0, height: 0)
                times.append(Stopwatch.seconds {
                    update(&state, .key(key))
                    next = view(state, width: width, height: height)
                    _ = changedRuns(from: previous, to: next)
                })
                previous = next
            }
            for _ in lessons[index].steps.indices {
                for _ in state.controls { press(.character("+")); press(.character("]")) }
                press(.right)
            }
            for _ in lessons[index].steps.indices { press(.left) }
            return FrameResult(lesson: lessons[index].id, width: width, height: height, frames: times.count,
                               median_ms: median(times) * 1e3, max_ms: (times.max() ?? .nan) * 1e3)
        }
    }
}

extension FrameBenchmark {
    /// Key presses on the deepest stacked scene of the lessons (the transformer-block lesson's six
    /// encoder blocks): each control moved up and down, so the stage memo's work is what is timed.
    func runDeepestScene() -> FrameResult? {
        var best: (lesson: Int, step: Int, layers: Double)?
        for (i, lesson) in lessons.enumerated() {
            for (j, step) in lesson.steps.enumerated() {
                guard let scene = step.scene, let layers = scene.options["layers"]?.number, layers > (best?.layers ?? 1) else { continue }
                best = (i, j, layers)
            }
        }
        guard let best else { return nil }
        var state = AppState(lessons: lessons, depth: .direct)
        state.open(lesson: best.lesson)
        for _ in 0..<best.step { update(&state, .key(.right)) }
        var previous = view(state, width: width, height: height)
        var times: [Double] = []
        func press(_ key: Key) {
            var next = CellGrid(width: 0, height: 0)
            times.append(Stopwatch.seconds {
                update(&state, .key(key))
                next = view(state, width: width, height: height)
                _ = changedRuns(from: previous, to: next)
            })
            previous = next
        }
        for _ in 0..<3 {
            for _ in state.controls {
                press(.character("+")); press(.character("+")); press(.character("-"))
                press(.character("]"))
            }
        }
        return FrameResult(name: "frame_\(Int(best.layers))_layers", lesson: "\(lessons[best.lesson].id) step \(best.step + 1)", width: width, height: height,
                           frames: times.count, median_ms: median(times) * 1e3, max_ms: (times.max() ?? .nan) * 1e3)
    }
}

/// Seconds from this process's start (as the kernel recorded it) to now.
func secondsSinceLaunch() -> Double? {
    guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
          let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    // Field 22 (starttime, in clock ticks since boot) counts from field 3, just after the ")".
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]), let now = Double(uptime.split(separator: " ")[0]) else { return nil }
    return now - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
}
