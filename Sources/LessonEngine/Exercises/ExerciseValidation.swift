import Foundation

/// What `attn validate` checks about exercises, each reported at the exercise's line:
///
/// - each item decodes, ids are unique, `set:` pins name parameters the scene has, with values
///   they accept;
/// - the answer evaluates to a value of its kind at the pins, and at a few variant seeds (so
///   `--seed` cannot break an exercise);
/// - at every position of every control of the step that the exercise does not pin, the answer
///   still evaluates and does not change (a question graded at one value of a control that the
///   learner can move must say so with `set:`);
/// - the answer is fair (`fairnessProblems`): an `argmax`/`argmin` inside it has no near tie, and
///   a number lies clear of the plausible mistakes (the transposed cell, 0, …);
/// - the exercise has a worked solution: a `solution:` template, or an answer whose working the
///   engine writes out (`workedSolutionKind`).
public func exerciseDiagnostics(_ lesson: Lesson) -> [LessonDiagnostic] {
    let (steps, decoding) = lessonExercises(lesson)
    var out = decoding
    for (stepIndex, exercises) in steps {
        guard let scene = lesson.steps[stepIndex].scene else { continue }
        // A scene that does not evaluate is already reported by the scene checks.
        guard let base = try? ExerciseContext(scene: scene) else { continue }
        let variants = [1, 2, 3].compactMap { try? ExerciseContext(scene: sceneVariant(scene, seed: $0)) }
        for exercise in exercises {
            out += diagnostics(of: exercise, scene: scene, base: base, variants: variants, file: lesson.file)
        }
    }
    return out
}

private func diagnostics(of exercise: Exercise, scene: Scene, base: ExerciseContext, variants: [ExerciseContext], file: String) -> [LessonDiagnostic] {
    func problem(_ at: SourceLocation, _ problem: ExerciseProblem) -> LessonDiagnostic {
        LessonDiagnostic(file: file, at: at, .exercise(.inExercise(id: exercise.id, problem: problem)))
    }
    // The pins themselves: a parameter the scene has, a value its type accepts.
    let pins: [String: ParameterValue]
    do {
        pins = try sceneParameters(exercise.pins, for: scene)
    } catch let e as SceneError {
        let name = exercise.pins.keys.sorted().first { e.message.contains("'\($0)'") || e.message.hasPrefix($0) }
        return [problem(name.flatMap { exercise.pinLocations[$0] } ?? exercise.location, .inSet(.scene(e.problem, at: nil)))]
    } catch {
        return [problem(exercise.location, .inSet(.other("\(error)")))]
    }
    let expected: ExerciseValue
    let asked: ExerciseContext
    do {
        asked = try base.resolved(for: exercise)
        expected = try asked.answerHere(exercise)
        for v in variants { _ = try v.answer(exercise) }
    } catch {
        return [LessonDiagnostic(file: file, at: exercise.answerLocation, .exercise(.answerFails(answer: exercise.answer, id: exercise.id, cause: EngineCause(error))))]
    }
    var out: [LessonDiagnostic] = []
    // Every position of every control the exercise leaves free.
    for control in scene.controls where exercise.pins[control.param] == nil {
        for position in controlPositions(control) {
            var values = pins
            values[control.param] = typedValue(ofControl: control.param, position, in: scene)
            let setting = "\(control.param) = \(parameterText(control.param, in: scene, overrides: [control.param: position]) ?? messageNumber(position, .en))"
            do {
                let context = ExerciseContext(scene: scene, computed: try evaluate(scene, typed: values))
                let value = try context.answerHere(exercise)
                if !sameAnswer(value, expected) {
                    out.append(problem(exercise.location, .answerChanges(setting: setting, expected: expected, got: value, parameter: control.param)))
                    break
                }
            } catch {
                out.append(problem(exercise.location, .answerCannotBeComputed(setting: setting, cause: EngineCause(error), parameter: control.param)))
                break
            }
        }
    }
    for unfair in fairnessProblems(exercise, in: asked) {
        out.append(problem(exercise.answerLocation, unfair))
    }
    if exercise.solution == nil, workedSolutionKind(exercise.expression, in: asked) == nil {
        out.append(problem(exercise.location, .noWorkedSolution))
    }
    if let template = exercise.solution {
        for message in templateErrors(template, in: asked) {
            out.append(problem(exercise.location, message))
        }
    }
    return out
}

/// Whether two evaluations of an answer agree (numbers to a relative 1e-6).
private func sameAnswer(_ a: ExerciseValue, _ b: ExerciseValue) -> Bool {
    switch (a, b) {
    case (.array(let sa, let va), .array(let sb, let vb)):
        return sa == sb && zip(va, vb).allSatisfy { abs($0 - $1) <= 1e-6 * max(1, abs($0), abs($1)) }
    default:
        return a == b
    }
}

/// Near ties of every `argmax`/`argmin` in the answer: the winner and the runner-up differ by
/// less than the exercise's tolerance, or look the same at two decimals, as the views show them.
func nearTies(_ exercise: Exercise, in context: ExerciseContext) -> [ExerciseProblem] {
    var out: [ExerciseProblem] = []
    for (f, argument) in argCalls(exercise.expression) {
        guard let values = try? context.value(of: argument), case .array(_, let xs) = values, xs.count >= 2 else { continue }
        // argmax of a 0/1 row (a mask, a comparison) is the idiom for "the first position where":
        // its ties are the point, not an ambiguity.
        if xs.allSatisfy({ $0 == 0 || $0 == 1 }) { continue }
        let sorted = f == "argmax" ? xs.sorted(by: >) : xs.sorted()
        let (first, second) = (sorted[0], sorted[1])
        guard first.isFinite else { continue }
        let gap = abs(first - second)
        if gap <= exercise.accepted(around: first) || NumberFormat.english.fixed(first, decimals: 2) == NumberFormat.english.fixed(second, decimals: 2) {
            var text = argument.description
            if text.hasPrefix("("), text.hasSuffix(")") { text = String(text.dropFirst().dropLast()) }
            out.append(.nearTie(function: f, argument: text, first: first, second: second))
        }
    }
    return out
}

/// Every `argmax(x)` / `argmin(x)` call in an expression, with its argument.
func argCalls(_ e: ExerciseExpression) -> [(String, ExerciseExpression)] {
    switch e {
    case .call(let f, let args):
        let own = (f == "argmax" || f == "argmin") && args.count == 1 ? [(f, args[0])] : []
        return own + args.flatMap(argCalls)
    case .index(let b, let i): return argCalls(b) + i.flatMap(argCalls)
    case .negate(let x), .not(let x): return argCalls(x)
    case .binary(_, let a, let b): return argCalls(a) + argCalls(b)
    case .number, .name, .parameter: return []
    }
}
