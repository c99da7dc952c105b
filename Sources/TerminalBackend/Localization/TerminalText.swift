import LessonEngine

/// The words of the terminal backend's errors, in every language (see `TerminalError.text(_:)`).
public enum TerminalText: String, Catalog {
    case notUTF8, noLocaleVariables, notATerminal, standardInput, standardOutput
    case unknownTerminal, termNotSet, termNotInTerminfo, alreadyStarted

    public static func entries(_ language: Language) -> [TerminalText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }
}
