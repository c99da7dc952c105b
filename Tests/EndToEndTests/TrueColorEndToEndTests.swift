import Foundation
import XCTest

/// COLORTERM=truecolor gives 24-bit colour, as other terminal programs read it; without it the
/// same terminal gets its 256-colour palette.
final class TrueColorEndToEndTests: XCTestCase {
    private var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    private func heatmapScreen(_ environment: [String: String]) throws -> String {
        let home = NSTemporaryDirectory() + "attn-truecolor-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        var env = environment
        env["HOME"] = home
        let session = try TmuxSession.attn(["--lessons", lessonsDirectory], width: 100, height: 30, environment: env)
        try session.waitFor("attn — attention, step by step")
        // Scaled dot-product, step 2: a heatmap of scores.
        try session.send(keys: "j", "j", "j", "Enter")
        try session.waitFor("introduction")
        try session.send(keys: "Right", "Right")
        try session.waitFor("step 2/")
        Thread.sleep(forTimeInterval: 0.3)
        let screen = try session.capture(escapes: true)
        try session.send(keys: "C-c")
        _ = try? session.waitForExit()
        return screen
    }

    func testTrueColorWhenAnnounced() throws {
        let screen = try heatmapScreen(["COLORTERM": "truecolor"])
        XCTAssertTrue(screen.contains("48;2;"), "COLORTERM=truecolor must give 24-bit backgrounds:\n\(screen.prefix(2000))")
    }

    func testPaletteWhenNotAnnounced() throws {
        let screen = try heatmapScreen([:])
        XCTAssertFalse(screen.contains("48;2;"), "without COLORTERM the 256-colour palette is used")
        XCTAssertTrue(screen.contains("48;5;"), String(screen.prefix(2000)))
    }
}
