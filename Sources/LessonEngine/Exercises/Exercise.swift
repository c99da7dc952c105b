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
    /// The absolute floor of the accepted difference, for answers near 0 (`tolerance:`).
    public var tolerance: Double
    /// The accepted difference relative to the answer's size (`relative:`).
    ///
    /// A number (or vector entry) `x` is accepted for the answer `a` when
    /// |x − a| ≤ max(relative·|a|, tolerance).
    public var relativeTolerance: Double = defaultRelativeTolerance
    /// How much a wrong answer is told (`feedback:`).
    public var feedback: ExerciseFeedback = .full
    /// Ordered hints, revealed one at a time.
    public var hints: [String]
    /// Markdown template of the worked solution; `{expr}` placeholders are evaluated.
    public var solution: String?
    /// Line of the item's `- ` (its first field) in the lesson file.
    public var location: SourceLocation
    /// Line of the `answer:` value, for errors about the expression.
    public var answerLocation: SourceLocation
    /// The control values the question assumes (`set: {dk: 64, mask: none}`), choices by name.
    /// The exercise is graded at the scene's defaults with these set, whatever the learner's
    /// controls show; `attn validate` reports an answer that moves with a control not pinned here.
    public var pins: [String: ParameterValue] = [:]
    /// Line of each pinned value, for errors about it.
    public var pinLocations: [String: SourceLocation] = [:]

    /// The largest accepted difference for the answer `a`.
    public func accepted(around a: Double) -> Double { max(relativeTolerance * abs(a), tolerance) }
}

/// How much a learner is told about a wrong answer.
public enum ExerciseFeedback: String, Sendable, CaseIterable, Equatable {
    /// Right or wrong; a number also gets its direction ("too high") and whether it is close,
    /// a vector which entries are wrong.
    case full
    /// Right or wrong only, for homework: nothing that narrows the answer down.
    case none
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

/// The default absolute floor of the tolerance, for answers near 0: a learner who reads a weight
/// of 0.0004 as "0" is right, one who types 0 for 0.03 is not.
public let defaultExerciseTolerance = 1e-3
/// The default relative tolerance: 2 % of the answer's size.
public let defaultRelativeTolerance = 0.02

/// Decodes every item of an exercises block, reporting problems at their file lines.
///
/// Items that fail are left out; the diagnostics say why. Ids must be unique in the lesson, so
/// callers pass the ids already seen in earlier steps.
public func decodeExercises(_ block: ExerciseBlock, file: String, seenIDs: inout Set<String>) -> (exercises: [Exercise], diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    let reader = NodeReader(sink: sink, firstLine: block.line + 1)
    var out: [Exercise] = []
    let known = ["id", "question", "kind", "answer", "tolerance", "relative", "feedback", "hints", "solution", "set"]
    for item in block.items {
        guard let pairs = reader.mapping(item, .exercise, known: known) else { continue }
        let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let at = reader.location(item)
        func required(_ key: String) -> Node? {
            if let n = fields[key] { return n }
            sink.error(at, ExerciseProblem.needsField(key))
            return nil
        }
        let before = sink.count
        let id = required("id").flatMap { reader.string($0, .field("id")) }
        if let id, let node = fields["id"] {
            if id.isEmpty || id.contains(where: { $0.isWhitespace }) {
                reader.error(node, ExerciseProblem.idNotOneWord(id))
            } else if !seenIDs.insert(id).inserted {
                reader.error(node, ExerciseProblem.idUsedTwice(id))
            }
        }
        let question = required("question").flatMap { reader.string($0, .field("question")) }
        var kind: ExerciseKind?
        if let node = required("kind"), let text = reader.string(node, .field("kind")) {
            kind = ExerciseKind(rawValue: text)
            if kind == nil {
                reader.error(node, ExerciseProblem.unknownKind(text, suggestion: closestName(to: text, in: ExerciseKind.allCases.map(\.rawValue))))
            }
        }
        var expression: ExerciseExpression?
        var answerText: String?
        var answerAt = at
        if let node = required("answer"), let text = reader.string(node, .field("answer")) {
            answerText = text
            answerAt = reader.location(node)
            do {
                expression = try ExerciseExpression(parsing: text)
            } catch let e as ExpressionError {
                // Columns inside a one-line plain scalar follow the text; other styles get the line.
                let column = answerAt.column + (e.offset ?? 0)
                sink.error(SourceLocation(line: answerAt.line, column: column), ExerciseProblem.answerInvalid(answer: text, problem: e.problem))
            } catch {
                sink.error(answerAt, ExerciseProblem.answerInvalid(answer: text, problem: .verbatim("\(error)")))
            }
        }
        var tolerance = defaultExerciseTolerance
        if let node = fields["tolerance"], let t = reader.number(node, .field("tolerance")) {
            if !(t >= 0) || !t.isFinite { reader.error(node, ExerciseProblem.toleranceNegative(t)) } else { tolerance = t }
        }
        var relative = defaultRelativeTolerance
        if let node = fields["relative"], let r = reader.number(node, .field("relative")) {
            if !(0...1).contains(r) { reader.error(node, ExerciseProblem.relativeOutOfRange(r)) } else { relative = r }
        }
        var feedback = ExerciseFeedback.full
        if let node = fields["feedback"], let text = reader.string(node, .field("feedback")) {
            if let f = ExerciseFeedback(rawValue: text) { feedback = f } else {
                reader.error(node, ExerciseProblem.feedbackInvalid(text))
            }
        }
        var hints: [String] = []
        if let node = fields["hints"] { hints = reader.strings(node, .field("hints")) ?? [] }
        let solution = fields["solution"].flatMap { reader.string($0, .field("solution")) }
        // Pins are checked against the scene when the exercise is evaluated (exerciseDiagnostics).
        var pins: [String: ParameterValue] = [:]
        var pinLocations: [String: SourceLocation] = [:]
        if let node = fields["set"], let pairs = reader.mapping(node, .field("set")) {
            for (key, _, value) in pairs {
                guard let text = reader.string(value, .pin(key)) else { continue }
                pins[key] = ParameterValue(parsing: text)
                pinLocations[key] = reader.location(value)
            }
        }
        guard sink.count == before, let id, let question, let kind, let answerText, let expression else { continue }
        out.append(Exercise(
            id: id, question: question, kind: kind, answer: answerText, expression: expression,
            tolerance: tolerance, relativeTolerance: relative, feedback: feedback, hints: hints,
            solution: solution, location: at, answerLocation: answerAt, pins: pins, pinLocations: pinLocations))
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
            diagnostics.append(LessonDiagnostic(file: lesson.file, line: block.line, problem: .exercise(.needsScene)))
            continue
        }
        steps.append((i, exercises))
    }
    return (steps.map { (stepIndex: $0.0, exercises: $0.1) }, diagnostics)
}
