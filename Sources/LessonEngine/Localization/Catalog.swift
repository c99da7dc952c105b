/// A set of interface strings, each with an entry in every `Language`.
///
/// A catalog is an enum of keys; each language has a table of entries in its own file
/// (`ScreenText+English.swift`, `ScreenText+Russian.swift`, …), so a translator edits one file and
/// `CatalogCheck` finds a key missing in any language. `{name}` in an entry marks an argument,
/// filled in by `text(_:_:)`; the same arguments must appear in every language's entry.
///
///     enum ScreenText: String, Catalog {
///         case stepOf
///         static func entries(_ language: Language) -> [ScreenText: String] { … }
///     }
///     ScreenText.stepOf.text(.ru, ["step": "3", "count": "7"])   // "шаг 3 из 7"
public protocol Catalog: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {
    /// Every entry in `language`; `{name}` marks an argument.
    static func entries(_ language: Language) -> [Self: String]
}

extension Catalog {
    /// The entry in `language` with its `{name}` arguments filled in. A key missing there falls
    /// back to English, then to the key's name, so a gap shows rather than crashes; `CatalogCheck`
    /// keeps gaps out of the repository.
    public func text(_ language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = Self.entries(language)[self] ?? Self.entries(.en)[self] ?? rawValue
        return fillPlaceholders(template, arguments)
    }
}

/// Something the engine says, as a value: rendered in the reader's language at the edge.
///
/// Engine messages are enums with arguments conforming to this; their words live in a catalog.
public protocol Localizable: Sendable {
    func text(_ language: Language) -> String
}

/// `{name}` → `arguments[name]`; a name without an argument is left as written.
func fillPlaceholders(_ template: String, _ arguments: [String: String]) -> String {
    guard !arguments.isEmpty, template.contains("{") else { return template }
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        let afterOpen = rest.index(after: open)
        if let close = rest[afterOpen...].firstIndex(of: "}"),
           let value = arguments[String(rest[afterOpen..<close])] {
            out += value
            rest = rest[rest.index(after: close)...]
        } else {
            out.append("{")
            rest = rest[afterOpen...]
        }
    }
    return out + rest
}

/// The `{name}` placeholders of a catalog entry.
func placeholders(in template: String) -> Set<String> {
    var names: Set<String> = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: "}") else { break }
        let name = rest[afterOpen..<close]
        if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.insert(String(name)) }
        rest = rest[rest.index(after: close)...]
    }
    return names
}

/// Finds what a catalog lacks: a key with no entry in some language, an entry whose `{name}`
/// arguments differ from the English entry's, and a non-English entry that is the English one
/// copied (an untranslated sentence).
public enum CatalogCheck {
    public static func problems<C: Catalog>(_ catalog: C.Type, allowSameAsEnglish: Set<C> = []) -> [String] {
        var problems: [String] = []
        let english = C.entries(.en)
        for key in C.allCases {
            guard let source = english[key] else {
                problems.append("\(C.self).\(key.rawValue) has no English entry")
                continue
            }
            for language in Language.allCases where language != .en {
                guard let entry = C.entries(language)[key] else {
                    problems.append("\(C.self).\(key.rawValue) has no \(language.rawValue) entry")
                    continue
                }
                if placeholders(in: entry) != placeholders(in: source) {
                    problems.append("\(C.self).\(key.rawValue) in \(language.rawValue) has arguments \(placeholders(in: entry).sorted()), English has \(placeholders(in: source).sorted())")
                }
                if entry == source, source.contains(where: { $0.isLetter }), !allowSameAsEnglish.contains(key) {
                    problems.append("\(C.self).\(key.rawValue) in \(language.rawValue) is the English text: \(source)")
                }
            }
        }
        return problems
    }
}
