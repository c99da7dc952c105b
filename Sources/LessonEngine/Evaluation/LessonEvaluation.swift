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

/// Evaluates every step of a lesson that has a scene.
///
/// `overrides` apply to the scenes that have those parameters and are ignored by the others, so
/// `attn eval --set temperature=0.5` can be used on a whole lesson. Throws the first
/// evaluation problem as a `LessonDiagnostic`.
public func evaluateLesson(_ lesson: Lesson, overrides: [String: Double] = [:]) throws -> [EvaluatedStep] {
    var steps: [EvaluatedStep] = []
    for (i, step) in lesson.steps.enumerated() {
        guard let scene = step.scene else { continue }
        let known = Set(SceneSchema.options(of: scene.op)).union(scene.params.keys)
        do {
            let computed = try evaluate(scene, overrides: overrides.filter { known.contains($0.key) })
            steps.append(EvaluatedStep(index: i + 1, title: step.title, scene: computed))
        } catch let e as SceneError {
            throw e.diagnostic(file: lesson.file)
        }
    }
    return steps
}

/// Parses a bare scene (the YAML of one ```` ```scene ```` block, without the fences), as
/// `attn eval -` reads from standard input.
public func parseScene(source: String, file: String) -> (scene: Scene?, diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    guard source.utf8.count <= SourceText.maximumBytes else {
        sink.error(SourceLocation(line: 1), "the scene is \(source.utf8.count) bytes, over the \(SourceText.maximumBytes)-byte limit")
        return (nil, sink.diagnostics)
    }
    guard let node = YAMLBlock.load(source, firstLine: 1, sink: sink) else {
        if sink.isEmpty { sink.error(SourceLocation(line: 1), "the scene is empty") }
        return (nil, sink.diagnostics)
    }
    let scene = decodeScene(node, fenceLine: 1, reader: NodeReader(sink: sink, firstLine: 1))
    return (sink.isEmpty ? scene : nil, sink.diagnostics)
}

/// `attn eval` in one call: a whole lesson (text starting with `---`) or a bare scene, evaluated
/// and encoded as JSON, or nil and every problem found.
///
/// A lesson gives `[{"step", "title", "tensors"}]`; a bare scene gives its tensor list.
public func evalJSON(source: String, file: String, overrides: [String: Double] = [:]) -> (json: String?, diagnostics: [LessonDiagnostic]) {
    if source.hasPrefix("---") {
        let diagnostics = validate(source: source, file: file)
        guard diagnostics.isEmpty else { return (nil, diagnostics) }
        let (lesson, _) = parseLesson(source: source, file: file)
        do {
            return (evalJSON(try evaluateLesson(lesson, overrides: overrides)), [])
        } catch let d as LessonDiagnostic {
            return (nil, [d])
        } catch {
            return (nil, [LessonDiagnostic(file: file, line: 1, message: "\(error)")])
        }
    }
    let (scene, diagnostics) = parseScene(source: source, file: file)
    guard let scene else { return (nil, diagnostics) }
    do {
        return (evalJSON(try evaluate(scene, overrides: overrides)), [])
    } catch let e as SceneError {
        return (nil, [e.diagnostic(file: file)])
    } catch {
        return (nil, [LessonDiagnostic(file: file, line: 1, message: "\(error)")])
    }
}

/// Every lesson in a directory, in file-name order, with the problems of each.
public func loadLessons(in directory: URL) -> [(url: URL, lesson: Lesson?, diagnostics: [LessonDiagnostic])] {
    lessonFiles(in: directory).map { url in
        let (lesson, diagnostics) = loadLesson(at: url)
        return (url, lesson, diagnostics)
    }
}
