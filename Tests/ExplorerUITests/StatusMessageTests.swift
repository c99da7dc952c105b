@testable import ExplorerUI
import LessonEngine
import XCTest

/// A long status message (the progress warning with its backup path) is shown whole, wrapped.
final class StatusMessageTests: XCTestCase {
    static let path = "/home/student/.local/state/attn/progress.json.unreadable-20261201T210000Z"
    static let message = "/home/student/.local/state/attn/progress.json: 2 records (lesson 'soft-read', exercise 'w': 'tries' is not a whole number from 0 to 1000000) could not be read and were set aside in \(path); the other 14 records are kept"

    private func screen(_ state: AppState, width: Int, height: Int) -> [String] {
        let grid = view(state, width: width, height: height)
        return (0..<grid.height).map { y in String((0..<grid.width).map { grid[$0, y].character }) }
    }

    func testTheWholeMessageIsOnScreenOnTheListAndInALesson() {
        let lessons = ExplorerStateTests.lessons
        for enterLesson in [false, true] {
            for (width, height) in [(80, 24), (120, 40)] {
                var state = AppState(lessons: lessons)
                if enterLesson { update(&state, .key(.enter)) }
                state.statusMessage = Self.message
                let lines = screen(state, width: width, height: height)
                let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                XCTAssertTrue(text.contains(Self.path), "\(width)x\(height) lesson=\(enterLesson):\n" + lines.joined(separator: "\n"))
                XCTAssertTrue(text.contains("the other 14 records are kept"), lines.joined(separator: "\n"))
                XCTAssertTrue(lines.allSatisfy { columnWidth(of: $0) <= width })
            }
        }
    }
}
