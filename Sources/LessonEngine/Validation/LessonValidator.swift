import Foundation

/// Validation: parse a lesson, then evaluate every scene at its defaults and along each control's
/// range, and report every problem as a `file:line:column` diagnostic.
///
/// Evaluating along each range catches what parsing cannot: a window slider that
/// reaches a width the mask refuses, a query slider past the last token, a `$dk` that makes
/// shapes disagree. Diagnostics come back sorted by line and without duplicates.
public func validate(source: String, file: String) -> [LessonDiagnostic] {
    let (lesson, diagnostics) = parseLesson(source: source, file: file)
    return finish(diagnostics + evaluationDiagnostics(lesson) + exerciseDiagnostics(lesson))
}

/// Validates the lesson file at `url`, including the checks on its bytes (size, UTF-8, binary).
public func validateLesson(at url: URL) -> [LessonDiagnostic] {
    let (lesson, diagnostics) = loadLesson(at: url)
    guard let lesson else { return diagnostics }
    let translations = lesson.translations.values.sorted { $0.language < $1.language }.flatMap { translationDiagnostics(lesson, $0) }
    return finish(diagnostics + evaluationDiagnostics(lesson) + exerciseDiagnostics(lesson) + translations)
}

/// The lesson files of a directory (`*.md` except `FORMAT.md`, `README.md` and translation files
/// `NN-id.<code>.md`, which `loadLesson` reads with their lesson), sorted by name.
public func lessonFiles(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names
        .filter { $0.hasSuffix(".md") && $0 != "FORMAT.md" && $0 != "README.md" && translationLanguage(ofFileNamed: $0) == nil }
        .sorted()
        .map { directory.appendingPathComponent($0) }
}

/// The override sets to try for a scene: none, then each control's positions.
///
/// A control with at most 32 positions is tried at every one (so `numKVHeads` 1…4 meets the 3
/// that does not divide 4); a longer range only at its min and max.
public func validationOverrides(for scene: Scene) -> [[String: Double]] {
    var sets: [[String: Double]] = [[:]]
    for control in scene.controls {
        for value in controlPositions(control) { sets.append([control.param: value]) }
    }
    return sets
}

/// The values a control is checked at.
func controlPositions(_ c: ControlSpec) -> [Double] {
    guard c.step > 0, c.max >= c.min else { return [c.min, c.max] }
    let count = ((c.max - c.min) / c.step + 1e-9).rounded(.down) + 1
    guard count <= 32 else { return [c.min, c.max] }
    var values = (0..<Int(count)).map { c.min + Double($0) * c.step }
    if let last = values.last, last < c.max - 1e-9 { values.append(c.max) }
    return values
}

private func evaluationDiagnostics(_ lesson: Lesson) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    for step in lesson.steps {
        guard let scene = step.scene else { continue }
        out += queryControlDiagnostics(scene, file: lesson.file)
        var failedParams: Set<String> = []
        for overrides in validationOverrides(for: scene) {
            let param = overrides.first?.key
            if let param, failedParams.contains(param) { continue }   // one report per control
            do {
                _ = try evaluate(scene, overrides: overrides)
            } catch let e as SceneError where e.missingModel != nil {
                // The scene's shape (model, layer, head, generate) was checked before the model
                // was needed; what the weights would compute cannot be (`validationNotes`).
                continue
            } catch let e as SceneError {
                guard let (param, value) = overrides.first,
                      let control = scene.controls.first(where: { $0.param == param }) else {
                    out.append(e.diagnostic(file: lesson.file))
                    break  // broken at its defaults: the controls would only repeat the problem
                }
                failedParams.insert(param)
                out.append(LessonDiagnostic(
                    file: lesson.file, at: control.location,
                    .scene(.whenControlSets(parameter: param, value: value, problem: e.problem, line: e.location.line))))
            } catch {
                out.append(LessonDiagnostic(file: lesson.file, at: scene.location, .scene(.sceneFailed(detail: "\(error)"))))
                break
            }
        }
    }
    return out
}

/// A `query` control must stay on the query tokens: views clamp a query past the last token
/// (so evaluating along the range does not fail), but the control would point at nothing.
private func queryControlDiagnostics(_ scene: Scene, file: String) -> [LessonDiagnostic] {
    guard scene.op.declaration.queriesAreTokens, !scene.tokens.isEmpty else { return [] }
    let last = Double(scene.tokens.count - 1)
    return scene.controls.filter { $0.param == "query" && ($0.max > last || $0.min < 0) }.map { control in
        LessonDiagnostic(file: file, at: control.location,
                         .scene(.queryControlOffTokens(min: control.min, max: control.max, tokens: scene.tokens.count)))
    }
}

/// What `attn validate` could not check and why, as `file:line: note: …` lines: the steps that run
/// a trained model this machine does not have (their shape is checked, their numbers and
/// exercises are not).
public func validationNotes(_ lesson: Lesson, language: Language = .en) -> [String] {
    lesson.steps.enumerated().compactMap { i, step in
        guard let scene = step.scene else { return nil }
        do {
            _ = try evaluate(scene)
            return nil
        } catch let e as SceneError {
            guard let name = e.missingModel, let model = SceneModel(rawValue: name) else { return nil }
            return "\(lesson.file):\(e.location.line): " + EngineText.modelNotInstalledNote.text(language, [
                "step": "\(i + 1)", "model": model.title, "command": SceneModel.installCommand,
            ])
        } catch {
            return nil
        }
    }
}

/// The notes of the lesson file at `url` (see `validationNotes(_:)`).
public func validationNotes(at url: URL, language: Language = .en) -> [String] {
    guard let lesson = loadLesson(at: url).lesson else { return [] }
    return validationNotes(lesson, language: language)
}

private func finish(_ diagnostics: [LessonDiagnostic]) -> [LessonDiagnostic] {
    var seen: Set<LessonDiagnostic> = []
    return diagnostics
        .sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        .filter { seen.insert($0).inserted }
}
