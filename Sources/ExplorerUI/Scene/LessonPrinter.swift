import Foundation
import LessonEngine

/// What a printed lesson carries besides prose and views.
public enum HandoutContent: Sendable, Equatable {
    /// Prose and views only.
    case plain
    /// Each step's exercises, numbered, with room for the answers: a handout.
    case exercises
    /// The exercises with their computed answers and worked solutions: the answer key.
    case key
}

/// A lesson as text: the introduction (when every step is printed), then each step with its
/// exercises numbered through the lesson, as `content` asks.
///
/// `lesson` is printed as given: pass `lesson.localized(to:)` for its words in `language`, which
/// sets the interface's words and how numbers are written.
public func renderLessonText(_ lesson: Lesson, steps: [Int], width: Int, depth: ColorDepth, content: HandoutContent, language: Language = .en) -> String {
    var out = ""
    let all = steps == Array(lesson.steps.indices)
    if all { out += renderIntroductionText(lesson, width: width, depth: depth) }
    let exercises = Dictionary(lessonExercises(lesson).steps.map { ($0.stepIndex, $0.exercises) }, uniquingKeysWith: { a, _ in a })
    // Exercise numbers count through the whole lesson, so step 4's first exercise keeps its number
    // when only step 4 is printed.
    var number = 1
    var first: [Int: Int] = [:]
    for i in lesson.steps.indices {
        first[i] = number
        number += exercises[i]?.count ?? 0
    }
    for i in steps {
        out += renderStepText(lesson, step: i, width: width, depth: depth, language: language)
        if content != .plain, let list = exercises[i], !list.isEmpty, let scene = lesson.steps[i].scene {
            out += renderExercisesText(list, scene: scene, firstNumber: first[i] ?? 1, width: width, depth: depth, key: content == .key, language: language)
        }
    }
    return out
}

/// The lesson's title and its introduction (the prose before the first step); empty when it has none.
public func renderIntroductionText(_ lesson: Lesson, width: Int, depth: ColorDepth) -> String {
    let theme = Theme.dark.reduced(to: depth)
    var heading = CellGrid(width: width, height: 2)
    heading.put(lesson.title, x: 0, y: 0, style: theme.title)
    let intro = lesson.introduction.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !intro.isEmpty else { return ansiText(heading, depth: depth) + "\n" }
    return ansiText(heading, depth: depth) + "\n" + proseText(intro, width: width, depth: depth, theme: theme) + "\n"
}

/// Markdown rendered by the explorer's prose widget, as text.
private func proseText(_ markdown: String, width: Int, depth: ColorDepth, theme: Theme) -> String {
    let prose = ProseView(markdown: markdown, depth: depth, theme: theme)
    let height = prose.lineCount(width: width)
    var grid = CellGrid(width: width, height: max(1, height))
    prose.render(in: Rect(x: 0, y: 0, width: width, height: height), grid: &grid)
    return ansiText(grid, depth: depth) + "\n"
}

/// Text whose line breaks matter (a worked solution): each line rendered on its own.
private func linesText(_ text: String, width: Int, depth: ColorDepth, theme: Theme) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "\n" : proseText(String($0), width: width, depth: depth, theme: theme) }
        .joined()
}

/// A step's exercises, numbered from `firstNumber`: each question with its id (the key of an
/// answers file for `attn check`) and a line to answer on, or with `key` its computed answer
/// and worked solution.
public func renderExercisesText(_ exercises: [Exercise], scene: Scene, firstNumber: Int, width: Int, depth: ColorDepth, key: Bool, language: Language = .en) -> String {
    let theme = Theme.dark.reduced(to: depth)
    let context = try? ExerciseContext(scene: scene)
    var out = proseText("**" + ScreenText.printExercises.text(language) + "**", width: width, depth: depth, theme: theme)
    for (n, exercise) in exercises.enumerated() {
        let kind: ScreenText
        switch exercise.kind {
        case .number: kind = .printKindNumber
        case .vector: kind = .printKindVector
        case .token: kind = .printKindToken
        case .yesno: kind = .printKindYesNo
        }
        let pinList = exercise.pins.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.text(language))" }.joined(separator: ", ")
        let pins = exercise.pins.isEmpty ? "" : " " + ScreenText.printWithPins.text(language, ["pins": pinList])
        out += proseText("\(firstNumber + n). `\(exercise.id)`\(pins): \(exercise.question)", width: width, depth: depth, theme: theme)
        let answer = context.flatMap { try? $0.answer(exercise) }
        if key {
            let value = answer.map { answerValueText($0, language) } ?? ScreenText.printCannotCompute.text(language)
            out += proseText(ScreenText.printAnswer.text(language, ["answer": "**\(value)**"]), width: width, depth: depth, theme: theme)
            if let context {
                out += linesText(workedSolutionText(exercise, in: context, language), width: width, depth: depth, theme: theme)
            }
        } else {
            let entries = answer?.vector.map { Array(repeating: "______", count: $0.count).joined(separator: language.numbers.listSeparator) }
            out += "   " + ScreenText.printAnswerLine.text(language, ["kind": kind.text(language)]) + " "
                + (entries ?? String(repeating: "_", count: max(10, min(40, width - 30)))) + "\n"
        }
        out += "\n"
    }
    return out + "\n"
}

/// One step as text: a heading, the prose, then each view drawn by the same widgets as the explorer.
public func renderStepText(_ lesson: Lesson, step index: Int, width: Int, depth: ColorDepth, language: Language = .en) -> String {
    let step = lesson.steps[index]
    let theme = Theme.dark.reduced(to: depth)
    var blocks: [CellGrid] = []
    var heading = CellGrid(width: width, height: 2)
    heading.put("\(lesson.title) — " + ScreenText.stepCounter.text(language, ["step": String(index + 1), "count": String(lesson.steps.count)]) + ": \(step.title)", x: 0, y: 0, style: theme.title)
    blocks.append(heading)
    let prose = ProseView(markdown: step.prose, depth: depth, theme: theme)
    let proseHeight = prose.lineCount(width: width)
    var proseGrid = CellGrid(width: width, height: proseHeight + 1)
    prose.render(in: Rect(x: 0, y: 0, width: width, height: proseHeight), grid: &proseGrid)
    blocks.append(proseGrid)
    if let scene = step.scene {
        do {
            let computed = try evaluate(scene, overrides: [:])
            let renderer = SceneRenderer(scene: computed, style: SceneStyle(depth: depth, theme: theme, language: language))
            for v in renderer.drawableViews {
                let h = renderer.preferredHeight(of: v, width: width) + 2
                var g = CellGrid(width: width, height: h)
                let inner = Box(title: renderer.title(of: v), theme: theme).render(in: g.bounds, grid: &g)
                var plain = v
                plain.title = ""
                renderer.render(plain, in: inner, grid: &g)
                blocks.append(g)
            }
        } catch {
            var g = CellGrid(width: width, height: 2)
            // The engine's words (see EngineMessages.swift): SceneError gets text(language) with the engine work.
            g.put(ScreenText.printSceneError.text(language, ["error": "\(error)"]), x: 0, y: 0, style: theme.error)
            blocks.append(g)
        }
    }
    return blocks.map { ansiText($0, depth: depth) }.joined(separator: "\n") + "\n\n"
}
