/// How a translation fits the lesson it translates: what lacks a translation, and what is
/// translated but has nothing to translate.
///
/// Every diagnostic points into the translation file: at the step heading whose step lacks
/// something, at the exercise or label entry that is wrong, or at line 1 for what is missing
/// altogether. Lines of the source lesson are named in the message where they help.
public func translationDiagnostics(_ lesson: Lesson, _ t: LessonTranslation) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    let language = t.language
    func error(_ line: Int, _ problem: TranslationProblem) {
        out.append(LessonDiagnostic(file: t.file, line: line, problem: .translation(problem)))
    }
    if t.title?.isEmpty ?? true { error(1, .noTitle(language: language)) }
    if !lesson.summary.isEmpty && (t.summary?.isEmpty ?? true) { error(1, .noSummary(language: language)) }
    if !lesson.introduction.isEmpty && t.introduction.isEmpty { error(1, .noIntroduction(language: language)) }
    // The lesson's exercises as the engine decodes them; one that fails to decode is reported
    // against the lesson itself.
    let exercises = Dictionary(lessonExercises(lesson).steps.map { ($0.stepIndex, $0.exercises) }, uniquingKeysWith: { a, _ in a })
    for (index, step) in lesson.steps.enumerated() {
        guard index < t.steps.count else {
            error(max(1, t.steps.last?.line ?? 1), .stepMissing(number: index + 1, title: step.title, lessonLine: step.line, language: language,
                                                              lessonSteps: lesson.steps.count, translationSteps: t.steps.count))
            continue
        }
        out += stepDiagnostics(step, exercises[index] ?? [], t.steps[index], number: index + 1, file: t.file, language: language)
    }
    for extra in t.steps.dropFirst(lesson.steps.count) {
        error(extra.line, .extraStep(title: extra.title, lessonSteps: lesson.steps.count))
    }
    return out
}

private func stepDiagnostics(_ step: LessonStep, _ source: [Exercise], _ words: StepTranslation, number: Int, file: String, language: String) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    let title = words.title
    func error(_ line: Int, _ problem: TranslationProblem) {
        out.append(LessonDiagnostic(file: file, line: line, problem: .translation(problem)))
    }
    if !step.prose.isEmpty && words.prose.isEmpty { error(words.line, .noProse(step: number, title: title, language: language, lessonLine: step.line)) }
    if step.notes != nil && (words.notes?.isEmpty ?? true) { error(words.line, .noNotes(step: number, title: title, language: language)) }
    if step.notes == nil && words.notes != nil { error(words.line, .notesWithoutSource(step: number, title: title)) }

    // Labels: every control label and view title the step's scene shows.
    let scene = step.scene
    var shown: [String] = []
    for control in scene?.controls ?? [] where control.label != control.param { shown.append(control.label) }
    for view in scene?.views ?? [] { if let title = view.title { shown.append(title) } }
    for label in Set(shown).sorted() where words.labels[label] == nil {
        error(words.line, .labelMissing(step: number, title: title, language: language, label: label))
    }
    let translatable = Set(shown + (scene?.controls ?? []).map(\.label))
    for (label, line) in words.labelLines.sorted(by: { $0.value < $1.value }) where !translatable.contains(label) {
        error(line, .labelUnknown(label: label, step: number, suggestion: closestName(to: label, in: translatable.sorted())))
    }

    // Exercises, by id.
    let parameters = scene.map { knownParameters(of: $0) } ?? []
    for exercise in source {
        guard let w = words.exercises[exercise.id] else {
            error(words.line, .exerciseMissing(id: exercise.id, step: number, title: title, language: language))
            continue
        }
        let id = exercise.id
        if w.question?.isEmpty ?? true { error(w.line, .questionMissing(id: id, language: language)) }
        let hints = w.hints ?? []
        if hints.count < exercise.hints.count {
            for missing in hints.count..<exercise.hints.count {
                error(w.line, .hintMissing(hint: missing + 1, id: id, language: language))
            }
        } else if hints.count > exercise.hints.count {
            error(w.line, .tooManyHints(id: id, language: language, translated: hints.count, lesson: exercise.hints.count))
        }
        if exercise.solution != nil && (w.solution?.isEmpty ?? true) { error(w.line, .solutionMissing(id: id, language: language)) }
        if exercise.solution == nil && w.solution != nil { error(w.line, .solutionWithoutSource(id: id, language: language)) }
        // Templates are code, not words: the same `{…}` and `$parameter` in every language.
        let pairs: [(TranslationProblem.Part, String?, String?)] = [(.question, exercise.question, w.question)] +
            zip(exercise.hints, hints).enumerated().map { (.hint($0.offset + 1), $0.element.0, $0.element.1) } +
            [(.solution, exercise.solution, w.solution)]
        for (part, original, translated) in pairs {
            guard let original, let translated else { continue }
            let a = templates(in: original, parameters: parameters), b = templates(in: translated, parameters: parameters)
            if a != b {
                error(w.line, .templatesDiffer(part, id: id, language: language, dropped: a.subtracting(b).sorted(), added: b.subtracting(a).sorted()))
            }
        }
    }
    let ids = Set(source.map(\.id))
    for (id, w) in words.exercises.sorted(by: { $0.value.line < $1.value.line }) where !ids.contains(id) {
        error(w.line, .noSuchExercise(id: id, step: number, suggestion: closestName(to: id, in: ids.sorted())))
    }
    return out
}

/// The `{expression}` placeholders and the `$parameter` names (of `parameters`) in `text`;
/// whitespace inside a placeholder does not count.
func templates(in text: String, parameters: Set<String>) -> Set<String> {
    var out: Set<String> = []
    let chars = Array(text)
    var i = 0
    while i < chars.count {
        if chars[i] == "{" {
            var depth = 0, j = i
            while j < chars.count {
                if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1; if depth == 0 { break } }
                j += 1
            }
            // A brace right after a letter, digit, `\`, `_`, `^` or `}` is maths (`\frac{a}{b}`,
            // `x_{i}`, `0{,}25`), not a placeholder.
            let before: Character = i > 0 ? chars[i - 1] : " "
            if j < chars.count, !(before.isLetter || before.isNumber || "\\_^}".contains(before)) {
                out.insert(String(chars[i...j]).filter { !$0.isWhitespace })
            }
            i = j + 1
            continue
        }
        if chars[i] == "$" {
            let name = String(chars[(i + 1)...].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            if parameters.contains(name) { out.insert("$" + name) }
        }
        i += 1
    }
    return out
}
