import LessonEngine

/// Draws the exercise panel: the question, the input line, the check, the hints shown, and the
/// worked solution with the scene's own numbers.
func drawExercisePanel(_ state: AppState, _ panel: ExercisePanel, in area: Rect, theme: Theme, grid: inout CellGrid) {
    guard let exercise = panel.current else { return }
    let language = state.language
    let title = ScreenText.exerciseTitle.text(language, ["index": String(panel.index + 1), "count": String(panel.exercises.count), "kind": exerciseKindText(exercise.kind, language)])
    let inner = Box(title: title, focused: true, theme: theme).render(in: area, grid: &grid)
    var lines: [(String, Style)] = []
    func add(_ text: String, _ style: Style) {
        for line in wrapPlainText(text, width: inner.width - 1) { lines.append((line, style)) }
    }
    add(renderQuestion(exercise.question), withBold(theme.text))
    let pinNotes = state.pinDifferences
    if !pinNotes.isEmpty {
        add(ScreenText.questionAssumes.text(language, ["pins": pinNotes.joined(separator: ", ")]), theme.accent)
    }
    // Presenter mode keeps everything about the answer off the projector until r.
    let hidden = state.presenter && !panel.revealed
    if let input = panel.input {
        let cursor = min(panel.inputCursor, input.count)
        add(ScreenText.answerPrompt.text(language) + " " + input.prefix(cursor) + "▏" + input.dropFirst(cursor), theme.accent)
    } else {
        let left = exercise.hints.count - panel.hintsShown
        var keys = [ScreenText.panelAnswerKey, .panelHintKey, .panelNextKey, .panelCloseKey].map { $0.text(language, ["left": String(left)]) }
        if !panel.showSolution { keys.insert((panel.solutionAvailable ? ScreenText.panelSolutionKey : .panelSolutionLaterKey).text(language), at: 2) }
        if state.presenter && !panel.revealed { keys.insert(ScreenText.panelRevealKey.text(language), at: 1) }
        add(keys.joined(separator: " · "), theme.dimText)     // the wrapper collapses runs of spaces
    }
    if let check = panel.lastCheck {
        if hidden && check.verdict != .unreadable {
            add(ScreenText.answerReceived.text(language, ["try": String(panel.tries)]), theme.dimText)
        } else {
            let mark = check.isCorrect ? "✓ " : (check.verdict == .unreadable ? "? " : "✗ ")
            let attempt = check.isCorrect || check.verdict == .unreadable ? "" : " " + ScreenText.tryNumber.text(language, ["try": String(panel.tries)])
            add(mark + checkMessageText(check, language) + attempt, check.isCorrect ? theme.success : theme.error)
        }
    }
    let context = state.exerciseContext()
    for (i, hint) in exercise.hints.prefix(panel.hintsShown).enumerated() {
        // Hints may show the scene's numbers, as solutions do: {expr} and $parameter.
        let text = context.flatMap { try? $0.resolved(for: exercise) }.map { hintText(hint, in: $0, language) } ?? hint
        add(ScreenText.hintNumber.text(language, ["number": String(i + 1)]) + " " + renderQuestion(text), theme.secondaryAccent)
    }
    if panel.showSolution && !hidden, let context {
        add(ScreenText.solutionHeading.text(language), withBold(theme.title))
        for line in workedSolutionText(exercise, in: context, language).split(separator: "\n", omittingEmptySubsequences: false) {
            add(renderQuestion(String(line)), theme.text)
        }
    }
    // Taller than the panel (a worked solution at 80×24): J/K scroll, ▲/▼ say there is more.
    let first = max(0, min(panel.scroll, lines.count - inner.height))
    for (n, (text, style)) in lines.dropFirst(first).prefix(inner.height).enumerated() {
        grid.put(text, x: inner.x, y: inner.y + n, style: style, clip: inner)
    }
    if first > 0 { grid.put("▲ K", x: inner.maxX - 3, y: inner.y, style: theme.dimText, clip: inner) }
    if first + inner.height < lines.count { grid.put("▼ J", x: inner.maxX - 3, y: inner.maxY - 1, style: theme.dimText, clip: inner) }
}

/// An exercise's kind as its panel title names it: number, vector, token, yes/no.
func exerciseKindText(_ kind: ExerciseKind, _ language: Language) -> String {
    switch kind {
    case .number: return ScreenText.kindNumber.text(language)
    case .vector: return ScreenText.kindVector.text(language)
    case .token: return ScreenText.kindToken.text(language)
    case .yesno: return ScreenText.kindYesNo.text(language)
    }
}

/// Inline Markdown and maths of a question or hint as plain readable text.
private func renderQuestion(_ markdown: String) -> String {
    parseProseSpans(markdown).map { $0.kind == .math ? renderInlineMath($0.text) : $0.text }.joined()
}

private func withBold(_ style: Style) -> Style {
    var s = style
    s.bold = true
    return s
}

/// Plain text wrapped by prose's own wrapper (display widths, long words broken).
func wrapPlainText(_ text: String, width: Int) -> [String] {
    wrapSpans([.text(text)], width: width).map { $0.map(\.text).joined() }
}
