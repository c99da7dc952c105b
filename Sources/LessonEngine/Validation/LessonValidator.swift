import Foundation

/// Validation: parse a lesson, then evaluate every scene at its defaults and at each control's
/// extremes, and report every problem as a `file:line:column` diagnostic.
///
/// Evaluating at the ends of each range catches what parsing cannot: a window slider that
/// reaches a width the mask refuses, a query slider past the last token, a `$dk` that makes
/// shapes disagree. Diagnostics come back sorted by line and without duplicates.
public func validate(source: String, file: String) -> [LessonDiagnostic] {
    let (lesson, diagnostics) = parseLesson(source: source, file: file)
    return finish(diagnostics + evaluationDiagnostics(lesson))
}

/// Validates the lesson file at `url`, including the checks on its bytes (size, UTF-8, binary).
public func validateLesson(at url: URL) -> [LessonDiagnostic] {
    let (lesson, diagnostics) = loadLesson(at: url)
    guard let lesson else { return diagnostics }
    return finish(diagnostics + evaluationDiagnostics(lesson))
}

/// The lesson files of a directory (`*.md` except `FORMAT.md` and `README.md`), sorted by name.
public func lessonFiles(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names
        .filter { $0.hasSuffix(".md") && $0 != "FORMAT.md" && $0 != "README.md" }
        .sorted()
        .map { directory.appendingPathComponent($0) }
}

/// The override sets to try for a scene: none, then each control at its min and at its max.
public func validationOverrides(for scene: Scene) -> [[String: Double]] {
    var sets: [[String: Double]] = [[:]]
    for control in scene.controls {
        sets.append([control.param: control.min])
        sets.append([control.param: control.max])
    }
    return sets
}

private func evaluationDiagnostics(_ lesson: Lesson) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    for step in lesson.steps {
        guard let scene = step.scene else { continue }
        for overrides in validationOverrides(for: scene) {
            do {
                _ = try evaluate(scene, overrides: overrides)
            } catch let e as SceneError {
                guard let (param, value) = overrides.first,
                      let control = scene.controls.first(where: { $0.param == param }) else {
                    out.append(e.diagnostic(file: lesson.file))
                    break  // broken at its defaults: the extremes would only repeat the problem
                }
                let end = value == control.min ? "min" : "max"
                out.append(LessonDiagnostic(
                    file: lesson.file, at: control.location,
                    "when the control sets \(param) to its \(end) \(fmt(value)): \(e.message) (line \(e.location.line))"))
            } catch {
                out.append(LessonDiagnostic(file: lesson.file, at: scene.location, "the scene failed: \(error)"))
                break
            }
        }
    }
    return out
}

private func finish(_ diagnostics: [LessonDiagnostic]) -> [LessonDiagnostic] {
    var seen: Set<LessonDiagnostic> = []
    return diagnostics
        .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        .filter { seen.insert($0).inserted }
}
