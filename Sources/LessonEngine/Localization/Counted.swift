
/// The plural form for `count` in `language`, from forms written `one|other` (English) or
/// `one|few|many` (Russian: 1 шаг, 2 шага, 5 шагов; 11–14 take the third form).
public func pluralForm(_ forms: String, count: Int, language: Language) -> String {
    let parts = forms.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
    let n = count.magnitude
    let index: Int
    switch language {
    case .en: index = n == 1 ? 0 : 1
    case .ru:
        let m10 = n % 10, m100 = n % 100
        index = m10 == 1 && m100 != 11 ? 0 : (2...4).contains(m10) && !(12...14).contains(m100) ? 1 : 2
    }
    return parts[min(index, parts.count - 1)]
}

extension Catalog {
    /// An entry whose forms are separated by `|` (see `pluralForm`), in the form for `count`,
    /// with `{n}` set to the count and the other arguments filled in.
    public func counted(_ count: Int, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        let template = Self.entries(language)[self] ?? Self.entries(.en)[self] ?? rawValue
        var all = arguments
        all["n"] = String(count)
        let form = pluralForm(template, count: count, language: Self.entries(language)[self] == nil ? .en : language)
        return fillPlaceholders(form, all)
    }
}
