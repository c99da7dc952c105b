import Foundation
import Yams

/// Parses a lesson file's text into a `Lesson`, with every problem found on the way.
///
/// Never throws and never stops at the first problem: a broken step still yields the others.
/// Only the format is checked here; `validate(source:file:)` also evaluates each scene.
public func parseLesson(source: String, file: String) -> (lesson: Lesson, diagnostics: [LessonDiagnostic]) {
    let sink = DiagnosticSink(file: file)
    let lesson = parseLesson(source, file: file, sink: sink)
    return (lesson, sink.diagnostics)
}

/// Reads and parses a lesson file, refusing huge, binary and non-UTF-8 files with a diagnostic,
/// together with its translation files (`NN-id.<code>.md` beside it; see `LessonTranslation`).
///
/// Given a translation file, loads the lesson it translates. A broken translation never costs
/// the lesson: it is left out or kept in part, and its diagnostics name its own file.
public func loadLesson(at url: URL) -> (lesson: Lesson?, diagnostics: [LessonDiagnostic]) {
    if let source = sourceLessonFile(ofTranslation: url), FileManager.default.fileExists(atPath: source.path) {
        return loadLesson(at: source)
    }
    switch LessonSource.read(url) {
    case .failure(let diagnostic): return (nil, [diagnostic])
    case .success(let text):
        var (lesson, diagnostics) = parseLesson(source: text, file: url.path)
        for (language, file) in translationFiles(for: url) where language != lesson.sourceLanguage {
            let (translation, problems) = loadTranslation(at: file, language: language)
            diagnostics += problems
            if let translation { lesson.translations[language] = translation }
        }
        return (lesson, diagnostics)
    }
}

func parseLesson(_ source: String, file: String, sink: DiagnosticSink) -> Lesson {
    let fileStem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    let (orderFromName, idFromName) = splitOrderPrefix(fileStem)
    var lesson = Lesson(
        file: file, id: idFromName, title: "", summary: "", order: orderFromName ?? 0,
        introduction: "", steps: [])
    if SourceText.isTooLarge(source, sink: sink) { return lesson }
    if source.trimmedOf(" \t\r\n").isEmpty {
        sink.error(SourceLocation(line: 1), FormatProblem.fileEmpty)
        return lesson
    }
    let sections = splitLesson(SourceText.lines(source), sink: sink)
    if let (text, firstLine) = sections.frontMatter {
        readFrontMatter(text, firstLine: firstLine, into: &lesson, sink: sink)
    }
    lesson.introduction = sections.introduction.joined(separator: "\n").trimmedOf("\n")
    for raw in sections.steps {
        lesson.steps.append(parseStep(raw, sink: sink))
    }
    if lesson.steps.isEmpty && sections.frontMatter != nil {
        sink.error(SourceLocation(line: 1), FormatProblem.noSteps)
    }
    return lesson
}

/// `03-soft-read` → (3, "soft-read").
private func splitOrderPrefix(_ stem: String) -> (Int?, String) {
    let digits = stem.prefix(while: \.isNumber)
    guard !digits.isEmpty, stem.dropFirst(digits.count).first == "-" else { return (nil, stem) }
    return (Int(digits), String(stem.dropFirst(digits.count + 1)))
}

private func readFrontMatter(_ text: String, firstLine: Int, into lesson: inout Lesson, sink: DiagnosticSink) {
    guard let node = YAMLBlock.load(text, firstLine: firstLine, sink: sink) else {
        if text.trimmedOf(" \n").isEmpty { sink.error(SourceLocation(line: 1), FormatProblem.frontMatterEmpty) }
        return
    }
    let r = NodeReader(sink: sink, firstLine: firstLine)
    guard let pairs = r.mapping(node, .frontMatter, known: ["id", "title", "summary", "order", "lang"]) else { return }
    for (key, _, value) in pairs {
        switch key {
        case "id": if let v = r.string(value, .field("id")) { lesson.id = v }
        case "title": if let v = r.string(value, .field("title")) { lesson.title = v }
        case "summary": if let v = r.string(value, .field("summary")) { lesson.summary = v }
        case "lang":
            if let v = r.string(value, .field("lang")) {
                if v.count == 2, v.allSatisfy({ $0.isASCII && $0.isLowercase }) { lesson.sourceLanguage = v } else {
                    r.error(value, TranslationProblem.langNotACode(got: v))
                }
            }
        default: if let v = r.integer(value, .field("order")) { lesson.order = v }
        }
    }
    if !pairs.contains(where: { $0.key == "title" }) {
        sink.error(SourceLocation(line: 1), FormatProblem.noTitle)
    }
}

private func parseStep(_ raw: RawStep, sink: DiagnosticSink) -> LessonStep {
    var step = LessonStep(title: raw.title, line: raw.line, prose: raw.prose.joined(separator: "\n").trimmedOf("\n"))
    var seen: Set<String> = []
    for block in raw.blocks {
        if !seen.insert(block.kind).inserted {
            sink.error(SourceLocation(line: block.fenceLine), FormatProblem.duplicateBlock(step: raw.title, kind: block.kind))
            continue
        }
        switch block.kind {
        case "notes":
            step.notes = block.text.trimmedOf("\n")
        case "labels":
            sink.error(SourceLocation(line: block.fenceLine), TranslationProblem.labelsBlockInLesson)
        case "scene":
            guard let node = YAMLBlock.load(block.text, firstLine: block.firstLine, sink: sink) else {
                if block.text.trimmedOf(" \n").isEmpty { sink.error(SourceLocation(line: block.fenceLine), FormatProblem.sceneBlockEmpty) }
                continue
            }
            let reader = NodeReader(sink: sink, firstLine: block.firstLine)
            let before = sink.count
            let scene = decodeScene(node, fenceLine: block.fenceLine, reader: reader)
            // A scene with problems is not kept: evaluating half a scene would only add noise.
            if sink.count == before { step.scene = scene }
        default:
            step.exercises = parseExercises(block, sink: sink)
        }
    }
    return step
}

private func parseExercises(_ block: RawBlock, sink: DiagnosticSink) -> ExerciseBlock? {
    if block.text.trimmedOf(" \n").isEmpty { return ExerciseBlock(line: block.fenceLine, source: "", items: []) }
    guard let node = YAMLBlock.load(block.text, firstLine: block.firstLine, sink: sink) else { return nil }
    let reader = NodeReader(sink: sink, firstLine: block.firstLine)
    guard let items = reader.sequence(node, .exercisesBlock) else { return nil }
    return ExerciseBlock(line: block.fenceLine, source: block.text, items: items)
}
