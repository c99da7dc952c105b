import ExplorerUI
import LessonEngine

// Engine messages printed by the CLI, rendered in one place (the screen's are in
// ExplorerUI/Localization/EngineMessages.swift).
//
// The engine's messages are values; these functions render them in the user's language.

/// One lesson diagnostic, `file:line:column: error: …`.
func diagnosticText(_ diagnostic: LessonDiagnostic, _ language: Language) -> String {
    diagnostic.rendered(language)
}

/// The text report of `attn check`.
func gradeReportText(_ results: [GradedExercise], header: GradeHeader, language: Language) -> String {
    LessonEngine.gradeReportText(results, header: header, language: language)
}

/// A warning or error from the progress store (a damaged file set aside, a lock that failed).
func progressMessageText(_ warning: ProgressWarning, _ language: Language) -> String {
    warning.text(language)
}

/// A progress message that is already a sentence.
func progressMessageText(_ message: String, _ language: Language) -> String {
    message                                                                     // → the store's message value .text(language)
}

/// Any other engine error (`ProgressError`, `ModelError`, …) as a sentence.
func engineErrorText(_ error: Error, _ language: Language) -> String {
    (error as? Localizable)?.text(language) ?? "\(error)"
}
