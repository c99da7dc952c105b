import LessonEngine

/// Why the terminal could not be started, worded for the person at the keyboard.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The locale's character set is not UTF-8, so box drawing, blocks and Greek would break.
    case notUTF8(variable: String, value: String, codeset: String)
    /// Standard input or output is a pipe or a file: a full-screen program needs a terminal.
    case notATerminal(stream: String)
    /// ncurses does not know the terminal named by TERM.
    case unknownTerminal(term: String)
    /// `start()` was called on a terminal that is already running.
    case alreadyStarted

    public var description: String { text(.en) }

    /// The message in `language`.
    public func text(_ language: Language) -> String {
        switch self {
        case .notUTF8(let variable, let value, let codeset):
            let setting = variable.isEmpty ? TerminalText.noLocaleVariables.text(language) : "\(variable)=\(value)"
            return TerminalText.notUTF8.text(language, ["setting": setting, "codeset": codeset])
        case .notATerminal(let stream):
            let name = (stream == "standard input" ? TerminalText.standardInput : stream == "standard output" ? TerminalText.standardOutput : nil)?.text(language) ?? stream
            return TerminalText.notATerminal.text(language, ["stream": name])
        case .unknownTerminal(let term):
            let name = term.isEmpty ? TerminalText.termNotSet.text(language) : TerminalText.termNotInTerminfo.text(language, ["term": term])
            return TerminalText.unknownTerminal.text(language, ["reason": name])
        case .alreadyStarted:
            return TerminalText.alreadyStarted.text(language)
        }
    }
}
