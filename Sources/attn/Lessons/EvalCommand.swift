import ArgumentParser
import Foundation
import LessonEngine

/// `attn eval FILE|-`: every computed tensor of a lesson, one step, or a bare scene, as JSON.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a lesson's scenes, or a bare scene, and print every computed tensor as JSON.",
        discussion: "Each tensor is {\"name\", \"shape\", \"values\"}, with -inf written as \"-inf\". Use - to read a lesson or a scene from standard input.")

    @Argument(help: "A lesson or scene file, a lesson id, or - for standard input.")
    var lesson: String

    @Option(parsing: .unconditional, help: "Only this step of a lesson (numbered from 1).")
    var step: Int?

    @Option(name: .customLong("set"), parsing: .upToNextOption, help: "Override a parameter, e.g. --set temperature=0.5")
    var overrides: [String] = []

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let values = try parseOverrides(overrides)
        // Text from stdin or a file may be a whole lesson or a bare scene: the engine tells them apart.
        if let (source, file) = try sourceText(), step == nil {
            let (json, problems) = evalJSON(source: source, file: file, overrides: values)
            guard let json else { throw CommandFailure(problems) }
            print(json)
            return
        }
        let parsed = try lessonToEvaluate()
        var computed: [(index: Int, title: String, scene: ComputedScene)] = []
        for i in try stepIndices(parsed, step) {
            guard let scene = parsed.steps[i].scene else { continue }
            do {
                computed.append((i + 1, parsed.steps[i].title, try evaluate(scene, overrides: values)))
            } catch let e as SceneError {
                throw e.diagnostic(file: parsed.file)
            }
        }
        print(evalJSON(steps: computed))
    }

    /// The text of `-` or of a file path, with the name diagnostics use; nil for a lesson id.
    ///
    /// Read as `validate` and `print` read lessons (`LessonSource`): the same size limit (standard
    /// input included), UTF-8 and control-character checks, and words for a folder or a device.
    private func sourceText() throws -> (String, String)? {
        let result: Result<String, LessonDiagnostic>
        let file: String
        if lesson == "-" {
            file = "<stdin>"
            result = LessonSource.read(FileHandle.standardInput, name: file)
        } else if lesson.hasSuffix(".md") || lesson.hasSuffix(".yaml") || lesson.hasSuffix(".yml") || lesson.contains("/") {
            file = lesson
            result = LessonSource.read(URL(fileURLWithPath: lesson))
        } else {
            return nil
        }
        switch result {
        case .success(let text): return (text, file)
        case .failure(let diagnostic): throw CommandFailure([diagnostic])
        }
    }

    /// The lesson for --step: parsed from the text when one was given, else found by id.
    private func lessonToEvaluate() throws -> Lesson {
        guard let (source, file) = try sourceText() else { return try LessonLibrary.find(lesson, in: location) }
        let (parsed, problems) = parseLesson(source: source, file: file)
        guard problems.isEmpty else { throw CommandFailure(problems) }
        return parsed
    }
}

/// `name=value` pairs from --set.
func parseOverrides(_ pairs: [String]) throws -> [String: Double] {
    var out: [String: Double] = [:]
    for pair in pairs {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let v = Double(parts[1]), v.isFinite else {
            throw ValidationError("--set takes name=number, got '\(pair)'")
        }
        out[parts[0]] = v
    }
    return out
}

/// All step indices, or the one asked for (1-based on the command line).
func stepIndices(_ lesson: Lesson, _ step: Int?) throws -> [Int] {
    guard let step else { return Array(lesson.steps.indices) }
    guard (1...max(1, lesson.steps.count)).contains(step), !lesson.steps.isEmpty else {
        throw ValidationError("--step \(step) is outside 1…\(lesson.steps.count) for lesson '\(lesson.id)'")
    }
    return [step - 1]
}
