import Foundation
import XCTest

/// Lesson 10 in the real binary in tmux: a learner types a Cyrillic sentence into a model step
/// and sees the model's own tokens of it; without the models, the step shows the install command.
final class ModelStepEndToEndTests: XCTestCase {
    private var lessonsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Lessons").path
    }

    private var modelsInstalled: Bool {
        let root = ProcessInfo.processInfo.environment["ATTN_MODELS_DIR"]
            ?? (ProcessInfo.processInfo.environment["XDG_DATA_HOME"].map { $0 + "/attn/models" })
            ?? NSHomeDirectory() + "/.local/share/attn/models"
        return FileManager.default.fileExists(atPath: root + "/minilm/model.safetensors")
            && FileManager.default.fileExists(atPath: root + "/smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    }

    /// Opens lesson 10 from the list (the tenth lesson) and goes to step 1.
    private func openLesson(_ session: TmuxSession) throws {
        try session.waitFor("attn — attention, step by step")
        try session.send(keys: ["j", "j", "j", "j", "j", "j", "j", "j", "j", "Enter"])
        try session.waitFor("introduction · 7 steps")
        try session.send(keys: "Right")
        try session.waitFor("step 1/7")
    }

    func testTypingARussianSentenceShowsItsWordPieceTokens() throws {
        guard modelsInstalled else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("CI must install the models first (attn models install all)") }
            throw XCTSkip("the models are not installed (attn models install all)")
        }
        for (width, height) in [(80, 24), (160, 48)] {
            let session = try TmuxSession.attn(["--lessons", lessonsDirectory], width: width, height: height, checkingTerminal: true)
            try openLesson(session)
            try session.waitFor("[CLS]", timeout: 30)            // the model loads on first use
            try session.send(keys: "i", "C-u")
            try session.waitFor("your sentence:")
            try session.type("Кошка спит")
            try session.waitFor("Кошка спит")
            try session.send(keys: "Enter")
            // MiniLM's WordPiece pieces of the sentence: к ##о ##ш ##ка с ##пит (lower-cased).
            let screen = try session.waitFor("##ка", timeout: 20)
            XCTAssertTrue(screen.contains("[CLS]") && screen.contains("[SEP]"), TmuxSession.framed(screen))
            XCTAssertFalse(screen.contains("could not be computed"), TmuxSession.framed(screen))
            try session.send(keys: "q")
            try session.waitFor("attn — attention, step by step")
            try session.send(keys: "q")
            XCTAssertEqual(try session.waitForExit(), 0)
            try session.waitFor("tty sane: yes")
        }
    }

    func testWithoutTheModelsTheStepShowsTheInstallCommand() throws {
        let empty = NSTemporaryDirectory() + "attn-e2e-no-models-\(getpid())"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let session = try TmuxSession.attn(["--lessons", lessonsDirectory], width: 80, height: 24,
                                           environment: ["ATTN_MODELS_DIR": empty], checkingTerminal: true)
        try openLesson(session)
        let screen = try session.waitFor("attn models install all", timeout: 20)
        XCTAssertTrue(screen.contains("MiniLM is not installed"), TmuxSession.framed(screen))
        try session.send(keys: "q")
        try session.waitFor("attn — attention, step by step")
        try session.send(keys: "q")
        XCTAssertEqual(try session.waitForExit(), 0)
    }
}
