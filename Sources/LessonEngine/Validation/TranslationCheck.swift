import Yams

/// How a translation fits the lesson it translates: what lacks a translation, and what is
/// translated but has nothing to translate.
///
/// Every diagnostic points into the translation file: at the step heading whose step lacks
/// something, at the exercise or label entry that is wrong, or at line 1 for what is missing
/// altogether. Lines of the source lesson are named in the message where they help.
public func translationDiagnostics(_ lesson: Lesson, _ t: LessonTranslation) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    let language = t.language
    func error(_ line: Int, _ message: String) {
        out.append(LessonDiagnostic(file: t.file, line: line, message: message))
    }
    if t.title?.isEmpty ?? true { error(1, "the front matter has no 'title:' in '\(language)'") }
    if !lesson.summary.isEmpty && (t.summary?.isEmpty ?? true) { error(1, "the front matter has no 'summary:' in '\(language)'") }
    if !lesson.introduction.isEmpty && t.introduction.isEmpty {
        error(1, "the introduction has no '\(language)' translation: write it between the front matter and the first '## '")
    }
    for (index, step) in lesson.steps.enumerated() {
        guard index < t.steps.count else {
            error(max(1, t.steps.last?.line ?? 1), "step \(index + 1) '\(step.title)' (line \(step.line) of the lesson) has no '\(language)' translation: the lesson has \(lesson.steps.count) steps, the translation \(t.steps.count)")
            continue
        }
        out += stepDiagnostics(step, t.steps[index], number: index + 1, file: t.file, language: language)
    }
    for extra in t.steps.dropFirst(lesson.steps.count) {
        error(extra.line, "step '\(extra.title)' translates nothing: the lesson has only \(lesson.steps.count) steps, matched to the translation's '## ' headings in order")
    }
    return out
}

private func stepDiagnostics(_ step: LessonStep, _ words: StepTranslation, number: Int, file: String, language: String) -> [LessonDiagnostic] {
    var out: [LessonDiagnostic] = []
    let name = "step \(number) '\(words.title)'"
    func error(_ line: Int, _ message: String) {
        out.append(LessonDiagnostic(file: file, line: line, message: message))
    }
    if !step.prose.isEmpty && words.prose.isEmpty { error(words.line, "\(name) has no '\(language)' prose; the lesson's step has some (line \(step.line))") }
    if step.notes != nil && (words.notes?.isEmpty ?? true) { error(words.line, "\(name) has no '\(language)' translation of its notes") }
    if step.notes == nil && words.notes != nil { error(words.line, "\(name) has notes, but the lesson's step has none to translate") }

    // Labels: every control label and view title the step's scene shows.
    let scene = step.scene
    var shown: [String] = []
    for control in scene?.controls ?? [] where control.label != control.param { shown.append(control.label) }
    for view in scene?.views ?? [] { if let title = view.title { shown.append(title) } }
    for label in Set(shown).sorted() where words.labels[label] == nil {
        error(words.line, "\(name) has no '\(language)' translation of the label '\(label)': add it to the step's labels block")
    }
    let translatable = Set(shown + (scene?.controls ?? []).map(\.label))
    for (label, line) in words.labelLines.sorted(by: { $0.value < $1.value }) where !translatable.contains(label) {
        error(line, "the label '\(label)' is not a control label or view title of the lesson's step \(number)\(suggestion(for: label, in: Array(translatable).sorted()))")
    }

    // Exercises, by id.
    let source = (step.exercises?.items ?? []).compactMap(ExerciseWords.init)
    let parameters = scene.map { knownParameters(of: $0) } ?? []
    for exercise in source {
        guard let w = words.exercises[exercise.id] else {
            error(words.line, "exercise '\(exercise.id)' of \(name) has no '\(language)' translation")
            continue
        }
        let what = "exercise '\(exercise.id)'"
        if w.question?.isEmpty ?? true { error(w.line, "\(what) has no '\(language)' question") }
        let hints = w.hints ?? []
        if hints.count < exercise.hints.count {
            for missing in hints.count..<exercise.hints.count {
                error(w.line, "hint \(missing + 1) of \(what) has no '\(language)' translation")
            }
        } else if hints.count > exercise.hints.count {
            error(w.line, "\(what) has \(hints.count) hints in '\(language)' but \(exercise.hints.count) in the lesson")
        }
        if exercise.solution != nil && (w.solution?.isEmpty ?? true) { error(w.line, "the solution of \(what) has no '\(language)' translation") }
        if exercise.solution == nil && w.solution != nil { error(w.line, "\(what) has a solution in '\(language)' but none in the lesson") }
        // Templates are code, not words: the same `{…}` and `$parameter` in every language.
        let pairs = [("the question", exercise.question, w.question)] +
            zip(exercise.hints, hints).enumerated().map { ("hint \($0.offset + 1)", $0.element.0, $0.element.1) } +
            [("the solution", exercise.solution, w.solution)]
        for (part, original, translated) in pairs {
            guard let original, let translated else { continue }
            let a = templates(in: original, parameters: parameters), b = templates(in: translated, parameters: parameters)
            if a != b {
                let lost = a.subtracting(b).sorted(), added = b.subtracting(a).sorted()
                error(w.line, "\(part) of \(what) in '\(language)' " +
                      (lost.isEmpty ? "" : "drops \(lost.joined(separator: ", "))") + (!lost.isEmpty && !added.isEmpty ? " and " : "") +
                      (added.isEmpty ? "" : "adds \(added.joined(separator: ", "))") + "; templates must be the lesson's")
            }
        }
    }
    let ids = Set(source.map(\.id))
    for (id, w) in words.exercises.sorted(by: { $0.value.line < $1.value.line }) where !ids.contains(id) {
        error(w.line, "no exercise '\(id)' in the lesson's step \(number)\(suggestion(for: id, in: ids.sorted()))")
    }
    return out
}

/// The words of a source exercise, read straight from its YAML item.
private struct ExerciseWords {
    var id: String
    var question: String?
    var hints: [String]
    var solution: String?

    init?(_ item: Node) {
        guard let m = item.mapping, let id = m["id"]?.string else { return nil }
        self.id = id
        question = m["question"]?.string
        hints = (m["hints"]?.sequence).map { $0.compactMap(\.string) } ?? []
        solution = m["solution"]?.string
    }
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
