@testable import ExplorerUI
import LessonEngine
import XCTest

/// Writes every screen of every lesson to $ATTN_DUMP (a folder), for looking; does nothing otherwise.
final class ScreenDumpTests: XCTestCase {
    func testDumpEveryScreen() throws {
        guard let dir = ProcessInfo.processInfo.environment["ATTN_DUMP"] else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (i, lesson) in ExplorerStateTests.lessons.enumerated() {
            for presenter in [false, true] {
                var s = AppState(lessons: ExplorerStateTests.lessons, presenter: presenter)
                s.open(lesson: i)
                var out = ""
                for step in lesson.steps.indices {
                    s.go(to: step)
                    for (w, h) in [(80, 24), (160, 48)] {
                        for f in 0..<max(1, drawableViews(s).count) {
                            s.focusedView = f
                            out += "=== \(lesson.id) step \(step + 1) \(w)x\(h) focus \(f)\n" + view(s, width: w, height: h).text + "\n"
                        }
                        s.focusedView = 0
                    }
                }
                try out.write(toFile: "\(dir)/\(lesson.id)\(presenter ? "-presenter" : "").txt", atomically: true, encoding: .utf8)
            }
        }
    }
}
