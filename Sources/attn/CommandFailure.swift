import LessonEngine

/// A command that could not do its work (a broken lesson, an unreadable answers file): printed as
/// its message alone. Argument mistakes use ArgumentParser's ValidationError, which adds the usage.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }

    /// Every diagnostic, one `file:line:column: error: …` per line.
    init(_ diagnostics: [LessonDiagnostic]) {
        description = diagnostics.map(\.description).joined(separator: "\n")
    }
}
