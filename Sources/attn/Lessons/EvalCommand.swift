import ArgumentParser
import Foundation
import LessonEngine

/// `attn eval FILE|-`: every computed tensor of a lesson, one step, or a bare scene, as JSON.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.evalAbstract),
        discussion: """
            Each tensor is {"name", "shape", "values"}, with -inf written as "-inf". Use - to read \
            a lesson or a scene from standard input. --set takes numbers (--set temperature=0.5), \
            choices by name (--set mask=sliding) and booleans (--set causal=false); on a whole \
            lesson it applies to the steps that have the parameter, and a name no step has is an error.
            """)

    @Argument(help: "A lesson or scene file, a lesson id, or - for standard input.")
    var lesson: String

    @Option(parsing: .unconditional, help: "Only this step of a lesson (numbered from 1).")
    var step: Int?

    @Option(name: .customLong("set"), parsing: .upToNextOption, help: "Set a parameter: --set temperature=0.5 --set mask=sliding")
    var overrides: [String] = []

    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let parameters = try parseParameters(overrides)
        let result: (json: String?, diagnostics: [LessonDiagnostic])
        if let (source, file) = try sourceText() {
            // Text from stdin or a file may be a whole lesson or a bare scene: the engine tells them apart.
            let steps = try step.map { try stepIndices(stepCount(source: source, file: file), lessonID: file, $0) }
            result = evalJSON(source: source, file: file, steps: steps, parameters: parameters, seed: variant.variantSeed)
        } else {
            let found = try LessonLibrary.find(lesson, in: location)
            let steps = try step.map { try stepIndices(found.steps.count, lessonID: found.id, $0) }
            result = evalJSON(lesson: found, steps: steps, parameters: parameters, seed: variant.variantSeed)
        }
        guard let json = result.json else { throw CommandFailure(result.diagnostics) }
        print(json)
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

    /// The number of steps of a lesson's text; Int.max for a bare scene, whose --step the engine refuses.
    private func stepCount(source: String, file: String) -> Int {
        guard source.hasPrefix("---") else { return Int.max }
        return parseLesson(source: source, file: file).lesson.steps.count
    }
}

/// `name=value` pairs from --set: numbers, or names for choices and booleans.
func parseParameters(_ pairs: [String]) throws -> [String: ParameterValue] {
    var out: [String: ParameterValue] = [:]
    for pair in pairs {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ValidationError("--set takes name=value (a number, or a name such as mask=sliding), got '\(pair)'")
        }
        if case .number(let x) = ParameterValue(parsing: parts[1]), !x.isFinite {
            throw ValidationError("--set \(parts[0]) must be finite, got '\(parts[1])'")
        }
        out[parts[0]] = ParameterValue(parsing: parts[1])
    }
    return out
}

/// All step indices, or the one asked for (1-based on the command line), as 0-based indices.
func stepIndices(_ lesson: Lesson, _ step: Int?) throws -> [Int] {
    guard let step else { return Array(lesson.steps.indices) }
    return try stepIndices(lesson.steps.count, lessonID: lesson.id, step)
}

func stepIndices(_ count: Int, lessonID: String, _ step: Int) throws -> [Int] {
    guard count == Int.max || (count > 0 && (1...count).contains(step)) else {
        throw ValidationError(say(.stepOutside, ["step": String(step), "count": String(count), "lesson": lessonID]))
    }
    return [step - 1]
}
