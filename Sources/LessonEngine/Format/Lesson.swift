import Yams

/// A parsed lesson: its front matter and its steps, in file order.
///
/// Built by `parseLesson(source:file:)` from a Markdown file in `Lessons/`. A lesson is always
/// returned, even from a broken file, so a viewer can show what did parse; the diagnostics say
/// what did not.
public struct Lesson: Sendable {
    /// The file name as given to the parser, used in diagnostics.
    public var file: String
    /// Stable identifier, e.g. `soft-read` (front matter `id`, else the file name without `NN-`).
    public var id: String
    public var title: String
    /// One sentence for `attn lessons`.
    public var summary: String
    /// Position in the course (front matter `order`, else the file name's `NN` prefix).
    public var order: Int
    /// Markdown between the front matter and the first step heading.
    public var introduction: String
    public var steps: [LessonStep]
    /// The language the lesson is written in (front matter `lang`, default `en`).
    public var sourceLanguage: String = "en"
    /// Translations found next to the file, by language code (see `localized(to:)`).
    public var translations: [String: LessonTranslation] = [:]
}

/// One step of a lesson: a `## ` heading, its prose, and optionally a scene, notes and exercises.
public struct LessonStep: Sendable {
    /// The heading text without `## `.
    public var title: String
    /// Line of the heading in the file.
    public var line: Int
    /// The step's Markdown with the `scene`, `notes` and `exercises` blocks taken out.
    public var prose: String
    /// The decoded scene, when the step has a valid ```` ```scene ```` block.
    public var scene: Scene?
    /// Speaker notes for instructors (Markdown), from a ```` ```notes ```` block.
    public var notes: String?
    /// The reserved ```` ```exercises ```` block, kept raw for the exercises engine.
    public var exercises: ExerciseBlock?

    /// The prose parsed into blocks for layout (see `parseProse`).
    public var proseBlocks: [ProseBlock] { parseProse(prose) }
}

/// The raw contents of an ```` ```exercises ```` block: a YAML list, not yet interpreted.
///
/// The format reserves the block now so lessons can carry exercises before the engine grades
/// them; the items keep their YAML nodes, whose marks are already file line numbers.
public struct ExerciseBlock: @unchecked Sendable {
    /// Line of the opening fence.
    public var line: Int
    /// The YAML source between the fences.
    public var source: String
    /// One node per list item.
    public var items: [Node]
}
