import Foundation
import Yams

/// A lesson's words in another language, from `NN-id.<code>.md` next to the lesson file.
///
/// A lesson is written once: its scenes, controls, exercise kinds and answers live in the source
/// file and are shared by every language. A translation file holds only words, in the same
/// Markdown skeleton: front matter with `title` and `summary`, the introduction, then one `## `
/// step per step of the source in the same order, each with its prose and optionally an
/// ```` ```exercises ```` block (by id: `question`, `hints`, `solution`), a ```` ```notes ````
/// block, and a ```` ```labels ```` block mapping each control label and view title of the
/// step's scene, as written in the source, to its translation. FORMAT.md §9 documents it.
public struct LessonTranslation: Sendable {
    /// Two-letter language code, from the file name (`ru` in `03-soft-read.ru.md`).
    public var language: String
    public var file: String
    public var title: String?
    public var summary: String?
    public var introduction: String
    public var steps: [StepTranslation]
}

/// One step's words in a translation.
public struct StepTranslation: Sendable {
    public var title: String
    /// Line of the `## ` heading in the translation file.
    public var line: Int
    public var prose: String
    public var notes: String?
    /// Exercise texts by exercise id.
    public var exercises: [String: ExerciseTranslation] = [:]
    /// Source text of a control label or view title → its translation.
    public var labels: [String: String] = [:]
    /// Line of each `labels` entry, for diagnostics.
    var labelLines: [String: Int] = [:]
}

/// The words of one exercise in a translation; what is nil is not translated.
public struct ExerciseTranslation: Sendable {
    public var line: Int
    public var question: String?
    public var hints: [String]?
    public var solution: String?
}

// MARK: - Files

/// Whether `name` is a translation file's name, `stem.<xx>.md`: the language code, else nil.
public func translationLanguage(ofFileNamed name: String) -> String? {
    guard name.hasSuffix(".md") else { return nil }
    let parts = name.dropLast(3).split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2, let code = parts.last, code.count == 2,
          code.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
    return String(code)
}

/// The translation files next to the lesson at `url`: `stem.<xx>.md` for each code `xx`.
func translationFiles(for url: URL) -> [(language: String, url: URL)] {
    let directory = url.deletingLastPathComponent()
    let stem = url.deletingPathExtension().lastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().compactMap { name in
        guard name.hasPrefix(stem + "."), let code = translationLanguage(ofFileNamed: name),
              name == "\(stem).\(code).md" else { return nil }
        return (code, directory.appendingPathComponent(name))
    }
}

/// The source lesson a translation file translates: `03-soft-read.ru.md` → `03-soft-read.md`.
public func sourceLessonFile(ofTranslation url: URL) -> URL? {
    guard let code = translationLanguage(ofFileNamed: url.lastPathComponent) else { return nil }
    let name = String(url.lastPathComponent.dropLast(".\(code).md".count)) + ".md"
    return url.deletingLastPathComponent().appendingPathComponent(name)
}

// MARK: - Parsing

/// Parses a translation file's text, reporting problems of its own shape; how it fits the
/// lesson it translates is checked by `translationDiagnostics`.
public func parseTranslation(source: String, file: String, language: String) -> (translation: LessonTranslation, diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    var translation = LessonTranslation(language: language, file: file, introduction: "", steps: [])
    if SourceText.isTooLarge(source, sink: sink) { return (translation, sink.diagnostics) }
    let sections = splitLesson(SourceText.lines(source), sink: sink)
    if let (text, firstLine) = sections.frontMatter, let node = YAMLBlock.load(text, firstLine: firstLine, sink: sink) {
        let r = NodeReader(sink: sink, firstLine: firstLine)
        for (key, _, value) in r.mapping(node, .frontMatter, known: ["title", "summary", "lang"]) ?? [] {
            switch key {
            case "title": translation.title = r.string(value, .field("title"))
            case "summary": translation.summary = r.string(value, .field("summary"))
            default:
                if let code = r.string(value, .field("lang")), code != language {
                    r.error(value, TranslationProblem.langDoesNotMatchFileName(written: code, fileLanguage: language))
                }
            }
        }
    }
    translation.introduction = sections.introduction.joined(separator: "\n").trimmedOf("\n")
    for raw in sections.steps {
        translation.steps.append(parseStepTranslation(raw, sink: sink))
    }
    return (translation, sink.diagnostics)
}

/// Reads and parses the translation file at `url` (size, UTF-8 and binary checks included).
func loadTranslation(at url: URL, language: String) -> (translation: LessonTranslation?, diagnostics: [LessonDiagnostic]) {
    switch LessonSource.read(url) {
    case .failure(let diagnostic): return (nil, [diagnostic])
    case .success(let text):
        let (translation, diagnostics) = parseTranslation(source: text, file: url.path, language: language)
        return (translation, diagnostics)
    }
}

private func parseStepTranslation(_ raw: RawStep, sink: DiagnosticSink) -> StepTranslation {
    var step = StepTranslation(title: raw.title, line: raw.line, prose: raw.prose.joined(separator: "\n").trimmedOf("\n"))
    var seen: Set<String> = []
    for block in raw.blocks {
        if !seen.insert(block.kind).inserted {
            sink.error(SourceLocation(line: block.fenceLine), FormatProblem.duplicateBlock(step: raw.title, kind: block.kind))
            continue
        }
        let reader = NodeReader(sink: sink, firstLine: block.firstLine)
        switch block.kind {
        case "notes":
            step.notes = block.text.trimmedOf("\n")
        case "scene":
            sink.error(SourceLocation(line: block.fenceLine), TranslationProblem.sceneInTranslation)
        case "labels":
            guard let node = YAMLBlock.load(block.text, firstLine: block.firstLine, sink: sink) else { continue }
            for (key, keyNode, value) in reader.mapping(node, .field("labels")) ?? [] {
                guard let text = reader.string(value, .field(key)) else { continue }
                step.labels[key] = text
                step.labelLines[key] = reader.location(keyNode).line
            }
        default:
            guard let node = YAMLBlock.load(block.text, firstLine: block.firstLine, sink: sink),
                  let items = reader.sequence(node, .exercisesBlock) else { continue }
            for item in items {
                guard let pairs = reader.mapping(item, .exercise, known: ["id", "question", "hints", "solution"]) else { continue }
                let fields = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
                guard let idNode = fields["id"], let id = reader.string(idNode, .field("id")) else {
                    reader.error(item, TranslationProblem.exerciseNeedsID)
                    continue
                }
                var exercise = ExerciseTranslation(line: reader.location(item).line)
                exercise.question = fields["question"].flatMap { reader.string($0, .field("question")) }
                exercise.solution = fields["solution"].flatMap { reader.string($0, .field("solution")) }
                if let hints = fields["hints"], let list = reader.sequence(hints, .field("hints")) {
                    exercise.hints = list.compactMap { reader.string($0, .eachItem(.field("hints"))) }
                }
                if step.exercises[id] != nil { reader.error(idNode, TranslationProblem.exerciseTranslatedTwice(id: id)) }
                step.exercises[id] = exercise
            }
        }
    }
    return step
}

// MARK: - Applying

extension Lesson {
    /// The language codes this lesson can be shown in: its source language first, then every
    /// language it has a translation file for.
    public var languages: [String] { [sourceLanguage] + translations.keys.sorted().filter { $0 != sourceLanguage } }

    /// The lesson with every word that has a translation in `language` replaced by it: title,
    /// summary, introduction, step titles, prose, notes, exercise questions, hints and
    /// solutions, control labels and view titles. Scenes, controls and answers are shared, so
    /// step indices, control values and exercise ids carry over. What is not translated stays in
    /// the source language (`attn validate` reports it). The source language, or one without a
    /// file, gives the lesson unchanged.
    public func localized(to language: String) -> Lesson {
        guard language != sourceLanguage, let t = translations[language] else { return self }
        var out = self
        if let title = t.title, !title.isEmpty { out.title = title }
        if let summary = t.summary, !summary.isEmpty { out.summary = summary }
        if !t.introduction.isEmpty { out.introduction = t.introduction }
        for (index, words) in zip(out.steps.indices, t.steps) {
            out.steps[index] = steps[index].localized(words)
        }
        return out
    }
}

extension LessonStep {
    func localized(_ words: StepTranslation) -> LessonStep {
        var step = self
        if !words.title.isEmpty { step.title = words.title }
        if !words.prose.isEmpty { step.prose = words.prose }
        if let notes = words.notes, !notes.isEmpty { step.notes = notes }
        if var scene = step.scene {
            for i in scene.controls.indices {
                if let label = words.labels[scene.controls[i].label] { scene.controls[i].label = label }
            }
            for i in scene.views.indices {
                if let title = scene.views[i].title, let translated = words.labels[title] { scene.views[i].title = translated }
            }
            step.scene = scene
        }
        if var block = step.exercises {
            block.items = block.items.map { item in localizedExercise(item, words.exercises) }
            step.exercises = block
        }
        return step
    }
}

/// An exercise's YAML item with its question, hints and solution replaced by `translations`
/// (matched by `id`), every other field and every source mark kept.
private func localizedExercise(_ item: Node, _ translations: [String: ExerciseTranslation]) -> Node {
    guard var mapping = item.mapping, let id = mapping["id"]?.string, let words = translations[id] else { return item }
    func text(_ s: String, like original: Node?) -> Node {
        .scalar(.init(s, Tag(.str), .doubleQuoted, original?.mark))
    }
    if let q = words.question, !q.isEmpty { mapping["question"] = text(q, like: mapping["question"]) }
    if let s = words.solution, !s.isEmpty, mapping["solution"] != nil { mapping["solution"] = text(s, like: mapping["solution"]) }
    if let hints = words.hints, let original = mapping["hints"]?.sequence {
        var nodes = Array(original)
        for (i, hint) in hints.enumerated() where i < nodes.count && !hint.isEmpty {
            nodes[i] = text(hint, like: nodes[i])
        }
        mapping["hints"] = .sequence(.init(nodes, original.tag, original.style, original.mark))
    }
    return .mapping(mapping)
}
