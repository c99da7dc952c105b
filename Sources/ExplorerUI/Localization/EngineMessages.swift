import LessonEngine

// Engine messages rendered for the screen, in one place.
//
// The engine's messages are values rendered in a language (`text(_:)`, `rendered(_:)`,
// display names and worked solutions with a `language:`); these functions are the one edge
// where the screen turns them into words. Nothing else in ExplorerUI reads an engine message's
// `description` or `message`.

/// Why a scene could not be computed, kept as a value so it renders in the current language.
public enum SceneFailure: Sendable, Equatable {
    /// The engine's diagnostic, with the lesson file and line.
    case scene(LessonDiagnostic)
    /// Any other error, with the lesson file.
    case other(file: String, error: String)
}

/// A scene failure as a sentence in `language`.
public func sceneFailureText(_ failure: SceneFailure, _ language: Language) -> String {
    switch failure {
    case .scene(let diagnostic): return diagnostic.rendered(language)
    case .other(let file, let error): return "\(file): \(error)"
    }
}

/// What a check of an answer says (right, wrong and why, unreadable).
public func checkMessageText(_ check: ExerciseCheck, _ language: Language) -> String {
    check.text(language)
}

/// An exercise's worked solution with the scene's numbers.
public func workedSolutionText(_ exercise: Exercise, in context: ExerciseContext, _ language: Language) -> String {
    workedSolution(exercise, in: context, language: language)
}

/// A hint with the scene's numbers filled in (`{expr}`, `$parameter`).
public func hintText(_ hint: String, in context: ExerciseContext, _ language: Language) -> String {
    renderHint(hint, in: context, language: language)
}

/// A computed answer as the key prints it.
public func answerValueText(_ value: ExerciseValue, _ language: Language) -> String {
    value.text(language)
}

/// What a student reads for a tensor: its display name and caption.
public func tensorDisplayText(_ name: String, in scene: ComputedScene, _ language: Language) -> TensorDisplay {
    tensorDisplay(name, in: scene, language: language)
}

/// A parameter's value as the scene writes it (`causal`, `0.5`), for "yours: …".
public func parameterValueText(_ name: String, in scene: Scene, overrides: [String: Double], _ language: Language) -> String? {
    parameterText(name, in: scene, overrides: overrides, language: language)
}
