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

    public var description: String {
        switch self {
        case .notUTF8(let variable, let value, let codeset):
            let setting = variable.isEmpty ? "no LANG, LC_CTYPE or LC_ALL" : "\(variable)=\(value)"
            return "attn needs a UTF-8 locale; \(setting) gives \(codeset)"
                + " (is that locale installed? `locale -a` lists them); try LANG=C.UTF-8"
        case .notATerminal(let stream):
            return "attn's explorer needs a terminal, but \(stream) is not one;"
                + " run it directly in a terminal, or use a non-interactive command"
        case .unknownTerminal(let term):
            let name = term.isEmpty ? "TERM is not set" : "TERM=\(term) is not in the terminfo database"
            return "attn cannot drive this terminal: \(name); try TERM=xterm-256color"
        case .alreadyStarted:
            return "the terminal is already in full-screen mode"
        }
    }
}
