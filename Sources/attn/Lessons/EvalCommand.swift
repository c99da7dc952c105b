import ArgumentParser
import Foundation
import LessonEngine

/// `attn eval FILE|-`: every computed tensor of a lesson (or one step) as JSON.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a lesson's scenes and print every computed tensor as JSON.",
        discussion: "Each tensor is {\"name\", \"shape\", \"values\"}, with -inf written as \"-inf\". Use - to read a lesson from standard input.")

    @Argument(help: "A lesson file, a lesson id, or - for standard input.")
    var lesson: String

    @Option(help: "Only this step (numbered from 1).")
    var step: Int?

    @Option(name: .customLong("set"), parsing: .upToNextOption, help: "Override a parameter, e.g. --set temperature=0.5")
    var overrides: [String] = []

    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let parsed: Lesson
        if lesson == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let source = String(data: data, encoding: .utf8) else { throw ValidationError("<stdin>: the input is not UTF-8 text") }
            let (l, problems) = parseLesson(source: source, file: "<stdin>")
            if !problems.isEmpty { throw ValidationError(problems.map(\.description).joined(separator: "\n")) }
            parsed = l
        } else {
            parsed = try LessonLibrary.find(lesson, in: location)
        }
        let values = try parseOverrides(overrides)
        let indices = try stepIndices(parsed, step)
        var computed: [(index: Int, title: String, scene: ComputedScene)] = []
        for i in indices {
            guard let scene = parsed.steps[i].scene else { continue }
            do {
                computed.append((i + 1, parsed.steps[i].title, try evaluate(scene, overrides: values)))
            } catch let e as SceneError {
                throw ValidationError(e.diagnostic(file: parsed.file).description)
            }
        }
        print(evalJSON(steps: computed))
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
