import Foundation

/// One evaluated step of a lesson, numbered from 1 as `attn print --step N` counts.
public struct EvaluatedStep: Sendable, Equatable {
    public var index: Int
    public var title: String
    public var scene: ComputedScene

    public init(index: Int, title: String, scene: ComputedScene) {
        self.index = index
        self.title = title
        self.scene = scene
    }
}

/// Evaluates the steps of a lesson that have a scene: all of them, or the 0-based `steps` given.
///
/// `parameters` (`attn eval --set`) apply to the scenes that have those parameters and are
/// ignored by the others, so `--set temperature=0.5` works on a whole lesson; a name that no
/// evaluated scene knows is an error with a suggestion, with or without `--step`. Throws the
/// first problem as a `LessonDiagnostic`.
public func evaluateLesson(_ lesson: Lesson, steps: [Int]? = nil, parameters: [String: ParameterValue] = [:]) throws -> [EvaluatedStep] {
    let indices = steps ?? Array(lesson.steps.indices)
    let scenes = indices.compactMap { i in lesson.steps[i].scene.map { (i, $0) } }
    func known(_ scene: Scene) -> Set<String> { knownParameters(of: scene) }
    let everywhere = scenes.reduce(into: Set<String>()) { $0.formUnion(known($1.1)) }
    for name in parameters.keys.sorted() where !everywhere.contains(name) {
        let line = scenes.first?.1.location.line ?? 1
        let step = steps?.count == 1 ? indices[0] + 1 : nil
        throw LessonDiagnostic(file: lesson.file, line: line, problem: .scene(.unknownLessonParameter(name, suggestion: closestName(to: name, in: everywhere.sorted()), step: step)))
    }
    var out: [EvaluatedStep] = []
    for (i, scene) in scenes {
        let names = known(scene)
        do {
            let computed = try evaluate(scene, parameters: parameters.filter { names.contains($0.key) })
            out.append(EvaluatedStep(index: i + 1, title: lesson.steps[i].title, scene: computed))
        } catch let e as SceneError {
            throw e.diagnostic(file: lesson.file)
        }
    }
    return out
}

/// Parses a bare scene (the YAML of one ```` ```scene ```` block, without the fences), as
/// `attn eval -` reads from standard input.
public func parseScene(source: String, file: String) -> (scene: Scene?, diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    guard source.utf8.count <= SourceText.maximumBytes else {
        sink.error(SourceLocation(line: 1), FormatProblem.sceneTooLarge(bytes: source.utf8.count, limit: SourceText.maximumBytes))
        return (nil, sink.diagnostics)
    }
    guard let node = YAMLBlock.load(source, firstLine: 1, sink: sink) else {
        if sink.isEmpty { sink.error(SourceLocation(line: 1), FormatProblem.sceneEmpty) }
        return (nil, sink.diagnostics)
    }
    let scene = decodeScene(node, fenceLine: 1, reader: NodeReader(sink: sink, firstLine: 1))
    return (sink.isEmpty ? scene : nil, sink.diagnostics)
}

/// `attn eval` in one call: a whole lesson (text starting with `---`) or a bare scene, evaluated
/// and encoded as JSON, or nil and every problem found.
///
/// A lesson gives `[{"step", "title", "tensors"}]`; a bare scene gives its tensor list.
public func evalJSON(source: String, file: String, steps: [Int]? = nil, parameters: [String: ParameterValue] = [:], seed: UInt64? = nil) -> (json: String?, diagnostics: [LessonDiagnostic]) {
    if source.hasPrefix("---") {
        let diagnostics = validate(source: source, file: file)
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        let (lesson, _) = parseLesson(source: source, file: file)
        return evalJSON(lesson: lesson, steps: steps, parameters: parameters, seed: seed)
    }
    let (parsed, diagnostics) = parseScene(source: source, file: file)
    guard let parsed else { return (nil, diagnostics) }
    guard steps == nil else {
        return (nil, [LessonDiagnostic(file: file, line: 1, problem: .format(.stepNeedsLesson))])
    }
    let scene = seed.map { sceneVariant(parsed, seed: $0) } ?? parsed
    do {
        return (evalJSON(try evaluate(scene, parameters: parameters)), [])
    } catch let e as SceneError {
        return (nil, [e.diagnostic(file: file)])
    } catch {
        return (nil, [LessonDiagnostic(file: file, line: 1, message: "\(error)")])
    }
}

/// `attn eval` of a parsed lesson: its steps (all, or the 0-based `steps`) as JSON, in the
/// variant of `seed` when given.
public func evalJSON(lesson: Lesson, steps: [Int]? = nil, parameters: [String: ParameterValue] = [:], seed: UInt64? = nil) -> (json: String?, diagnostics: [LessonDiagnostic]) {
    do {
        return (evalJSON(try evaluateLesson(lessonVariant(lesson, seed: seed), steps: steps, parameters: parameters)), [])
    } catch let d as LessonDiagnostic {
        return (nil, [d])
    } catch {
        return (nil, [LessonDiagnostic(file: lesson.file, line: 1, message: "\(error)")])
    }
}

/// Every lesson in a directory, in file-name order, with the problems of each.
public func loadLessons(in directory: URL) -> [(url: URL, lesson: Lesson?, diagnostics: [LessonDiagnostic])] {
    lessonFiles(in: directory).map { url in
        let (lesson, diagnostics) = loadLesson(at: url)
        return (url, lesson, diagnostics)
    }
}
