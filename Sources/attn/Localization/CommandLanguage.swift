import ArgumentParser
import Foundation
import LessonEngine

/// The language chosen before the arguments are parsed, for `--help` texts and parse errors:
/// `--lang X` (or `--lang=X`) when X names a language, else LC_ALL, LC_MESSAGES or LANG.
///
/// ArgumentParser builds help texts before `run()`, so they cannot wait for the parsed option;
/// a mistyped `--lang` is reported by `LanguageOption.validate()` in this language.
let commandLanguage: Language = chosenLanguage(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

/// `--lang X` / `--lang=X` in `arguments` (the last one wins, as the parser reads it), else the environment.
func chosenLanguage(arguments: [String], environment: [String: String]) -> Language {
    var chosen: Language?
    var i = arguments.startIndex
    while i < arguments.endIndex {
        let a = arguments[i]
        if a == "--" { break }
        if a == "--lang", i + 1 < arguments.endIndex {
            if let l = Language(rawValue: arguments[i + 1].lowercased()) { chosen = l }
            i += 2
            continue
        }
        if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7)).lowercased()) { chosen = l }
        i += 1
    }
    return chosen ?? Language.fromEnvironment(environment)
}

/// `--lang ru|en`: the language of the interface, the lesson's words and its numbers.
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(CommandText.langHelp.text(commandLanguage), valueName: Language.allCases.map(\.rawValue).joined(separator: "|")))
    var code: String?

    func validate() throws {
        if let code, Language(rawValue: code.lowercased()) == nil {
            throw ValidationError(CommandText.langInvalid.text(commandLanguage, [
                "value": code, "accepted": Language.allCases.map(\.rawValue).joined(separator: ", "),
            ]))
        }
    }

    /// `--lang`, else the environment's language.
    var language: Language {
        code.flatMap { Language(rawValue: $0.lowercased()) } ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

/// A CLI text in the language chosen before parsing (`--help`, parse errors).
func say(_ key: CommandText, _ arguments: [String: String] = [:]) -> String { key.text(commandLanguage, arguments) }
