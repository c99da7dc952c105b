import ExplorerUI
import LessonEngine

// Engine messages printed by the CLI, rendered in one place (the screen's are in
// ExplorerUI/Localization/EngineMessages.swift).
//
// Until the engine's messages carry `text(_:)` / `rendered(_:)`, these give the engine's English
// words; switching is one line per function.

/// One lesson diagnostic, `file:line:column: error: …`.
func diagnosticText(_ diagnostic: LessonDiagnostic, _ language: Language) -> String {
    diagnostic.description                                                      // → diagnostic.rendered(language)
}

/// The text report of `attn check`.
func gradeReportText(_ results: [GradedExercise], header: GradeHeader, language: Language) -> String {
    gradeReportText(results, header: header)                                    // → gradeReportText(…, language:)
}

/// A warning or error from the progress store (a damaged file set aside, a lock that failed).
func progressMessageText(_ message: String, _ language: Language) -> String {
    message                                                                     // → the store's message value .text(language)
}

/// Any other engine error (`ProgressError`, `ModelError`, …) as a sentence.
func engineErrorText(_ error: Error, _ language: Language) -> String {
    "\(error)"                                                                  // → (error as? Localizable)?.text(language)
}
