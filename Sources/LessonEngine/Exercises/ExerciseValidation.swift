/// What `attn validate` checks about exercises: each item decodes, ids are unique, and each
/// answer evaluates in its step's scene to a value that fits its kind (at the scene's
/// defaults and at a few variant seeds, so `--seed` cannot break an exercise).
public func exerciseDiagnostics(_ lesson: Lesson) -> [LessonDiagnostic] {
    let (steps, decoding) = lessonExercises(lesson)
    var out = decoding
    for (stepIndex, exercises) in steps {
        guard let scene = lesson.steps[stepIndex].scene else { continue }
        // A scene that does not evaluate is already reported by the scene checks.
        guard let context = try? ExerciseContext(scene: scene) else { continue }
        let variants = [1, 2, 3].compactMap { try? ExerciseContext(scene: sceneVariant(scene, seed: $0)) }
        for exercise in exercises {
            do {
                _ = try context.answer(exercise)
                for v in variants { _ = try v.answer(exercise) }
            } catch {
                out.append(LessonDiagnostic(file: lesson.file, at: exercise.answerLocation, "answer '\(exercise.answer)' of exercise '\(exercise.id)': \(error)"))
                continue
            }
            if let template = exercise.solution {
                guard let asked = try? context.resolved(for: exercise) else { continue }
                for message in templateErrors(template, in: asked) {
                    out.append(LessonDiagnostic(file: lesson.file, at: exercise.location, "exercise '\(exercise.id)': \(message)"))
                }
            }
        }
    }
    return out
}
