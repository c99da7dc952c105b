import Yams

/// One self-checking exercise, decoded from an item of a step's ```` ```exercises ```` block.
///
/// The answer is an expression over the step's computed scene (see `ExerciseExpression`), never
/// a literal: the kernel computes the key, so it follows the scene's numbers, controls and seed.
public struct Exercise: Sendable, Equatable {
    /// Unique within the lesson; the key of progress records and of answer files.
    public var id: String
    /// Markdown shown to the learner.
    public var question: String
    public var kind: ExerciseKind
    /// The answer expression as written, e.g. `weights[2,1]` or `keyToken(argmax(weights[3]))`.
    public var answer: String
    /// The parsed answer expression.
    public var expression: ExerciseExpression
    /// Largest accepted absolute difference for numbers and each vector entry.
    public var tolerance: Double
    /// Ordered hints, revealed one at a time.
    public var hints: [String]
    /// Markdown template of the worked solution; `{expr}` placeholders are evaluated.
    public var solution: String?
    /// Line of the item's `- ` (its first field) in the lesson file.
    public var location: SourceLocation
    /// Line of the `answer:` value, for errors about the expression.
    public var answerLocation: SourceLocation
    /// Parameters fixed for this exercise (`set: {validKeys: 0}`), as a control would set them;
    /// choices by index. Empty: the scene as the learner has it.
    public var overrides: [String: Double] = [:]
}

/// What an answer is: the kinds a learner can type.
public enum ExerciseKind: String, Sendable, CaseIterable, Equatable {
    /// A single number (a weight, a score, a sum).
    case number
    /// One of the scene's tokens, typed as its text or its index.
    case token
    /// A list of numbers (an output row, a row of weights).
    case vector
    /// yes / no.
    case yesno
}

/// The default tolerance for numbers and vectors: two decimals, as the views show them.
public let defaultExerciseTolerance = 1e-2

/// Decodes every item of an exercises block, reporting problems at their file lines.
///
/// Items that fail are left out; the diagnostics say why. Ids must be unique in the lesson, so
/// callers pass the ids already seen in earlier steps.
public func decodeExercises(_ block: ExerciseBlock, file: String, seenIDs: inout Set<String>) -> (exercises: [Exercise], diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    let reader = NodeReader(sink: sink, firstLine: block.line + 1)
    var out: [Exercise] = []
    let known = ["id", "question", "kind", "answer", "tolerance", "hints", "solution", "set"]
    for item in block.items {
        guard let pairs = reader.mapping(item, "an exercise", known: known) else { continue }
        let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let at = reader.location(item)
        func required(_ key: String) -> Node? {
            if let n = fields[key] { return n }
            sink.error(at, "an exercise needs '\(key):'")
            return nil
        }
        let before = sink.count
        let id = required("id").flatMap { reader.string($0, "'id'") }
        if let id, let node = fields["id"] {
            if id.isEmpty || id.contains(where: { $0.isWhitespace }) {
                reader.error(node, "exercise id '\(id)' must be one word without spaces")
            } else if !seenIDs.insert(id).inserted {
                reader.error(node, "exercise id '\(id)' is used twice in this lesson")
            }
        }
        let question = required("question").flatMap { reader.string($0, "'question'") }
        var kind: ExerciseKind?
        if let node = required("kind"), let text = reader.string(node, "'kind'") {
            kind = ExerciseKind(rawValue: text)
            if kind == nil {
                reader.error(node, "unknown kind '\(text)'\(suggestion(for: text, in: ExerciseKind.allCases.map(\.rawValue))); use number, token, vector or yesno")
            }
        }
        var expression: ExerciseExpression?
        var answerText: String?
        var answerAt = at
        if let node = required("answer"), let text = reader.string(node, "'answer'") {
            answerText = text
            answerAt = reader.location(node)
            do {
                expression = try ExerciseExpression(parsing: text)
            } catch let e as ExpressionError {
                // Columns inside a one-line plain scalar follow the text; other styles get the line.
                let column = answerAt.column + (e.offset ?? 0)
                sink.error(SourceLocation(line: answerAt.line, column: column), "answer '\(text)': \(e.message)")
            } catch {
                sink.error(answerAt, "answer '\(text)': \(error)")
            }
        }
        var tolerance = defaultExerciseTolerance
        if let node = fields["tolerance"], let t = reader.number(node, "'tolerance'") {
            if t < 0 { reader.error(node, "'tolerance' must be 0 or more, got \(t)") } else { tolerance = t }
        }
        var hints: [String] = []
        if let node = fields["hints"] { hints = reader.strings(node, "'hints'") ?? [] }
        let solution = fields["solution"].flatMap { reader.string($0, "'solution'") }
        var overrides: [String: Double] = [:]
        if let node = fields["set"], let pairs = reader.mapping(node, "'set'") {
            for (key, _, value) in pairs {
                guard let text = reader.string(value, "'\(key)' in 'set'") else { continue }
                if let x = parseNumber(text) {
                    overrides[key] = x
                } else if case .choice(let names) = SceneSchema.type(of: key), let i = names.firstIndex(of: text) {
                    // Choices are overridden by index into the full list (see SceneEnvironment).
                    overrides[key] = Double(i)
                } else {
                    reader.error(value, "'\(key)' in 'set' must be a number or one of the option's names, got '\(text)'")
                }
            }
        }
        guard sink.count == before, let id, let question, let kind, let answerText, let expression else { continue }
        out.append(Exercise(
            id: id, question: question, kind: kind, answer: answerText, expression: expression,
            tolerance: tolerance, hints: hints, solution: solution, location: at, answerLocation: answerAt,
            overrides: overrides))
    }
    return (out, sink.diagnostics)
}

/// Every exercise of a lesson, step by step, with the decoding problems.
public func lessonExercises(_ lesson: Lesson) -> (steps: [(stepIndex: Int, exercises: [Exercise])], diagnostics: [LessonDiagnostic]) {
    var seen: Set<String> = []
    var steps: [(Int, [Exercise])] = []
    var diagnostics: [LessonDiagnostic] = []
    for (i, step) in lesson.steps.enumerated() {
        guard let block = step.exercises, !block.items.isEmpty else { continue }
        let (exercises, d) = decodeExercises(block, file: lesson.file, seenIDs: &seen)
        diagnostics += d
        if step.scene == nil {
            // The answer is computed from the step's scene; without one there is nothing to check.
            diagnostics.append(LessonDiagnostic(file: lesson.file, line: block.line, message: "exercises need a scene in the same step: their answers are computed from it"))
            continue
        }
        steps.append((i, exercises))
    }
    return (steps.map { (stepIndex: $0.0, exercises: $0.1) }, diagnostics)
}
