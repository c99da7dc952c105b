/// A language attn speaks: its interface, its lessons' words and its numbers.
///
/// The interface has an entry for every language here (see `Catalog`); a lesson may have a
/// translation file in any two-letter language (`NN-id.<code>.md`), so `LessonLanguage` below is
/// an open code while `Language` is the closed set the interface is written in.
public enum Language: String, CaseIterable, Sendable, Hashable {
    case en
    case ru

    /// The language's own name for itself, as the explorer's language key shows it.
    public var nativeName: String {
        switch self {
        case .en: return "English"
        case .ru: return "Русский"
        }
    }

    /// How this language writes numbers on screen and in answers.
    public var numbers: NumberFormat {
        switch self {
        case .en: return .english
        case .ru: return .russian
        }
    }

    /// `ru`, `RU`, `ru_RU.UTF-8`, `ru-RU`: the language part decides; nil for anything else.
    public init?(code: String) {
        let head = code.prefix { $0.isLetter }.lowercased()
        guard let language = Language(rawValue: head) else { return nil }
        self = language
    }

    /// The language the environment asks for, the way gettext reads it: the first non-empty of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG`. `ru_*` means Russian; anything else (including `C`,
    /// `POSIX` or nothing at all) means English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[name], !value.isEmpty {
                return Language(code: value) ?? .en
            }
        }
        return .en
    }

    /// The next language, for the explorer's live switch.
    public var next: Language {
        let all = Language.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
