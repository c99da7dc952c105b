import AttentionKernel
import LessonEngine

/// The smallest terminal the explorer draws in.
public let minimumSize = (width: 80, height: 24)

/// Draws the whole screen for `state` at `width` × `height`.
public func view(_ state: AppState, width: Int, height: Int) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    let theme = state.theme.reduced(to: state.depth)
    grid.fill(grid.bounds, style: Style(foreground: theme.text.foreground, background: theme.background))
    guard width >= minimumSize.width, height >= minimumSize.height else {
        let message = "terminal too small: need \(minimumSize.width)×\(minimumSize.height), have \(width)×\(height)"
        let y = height / 2, x = max(0, (width - columnWidth(of: message)) / 2)
        grid.put(message, x: x, y: y, style: style(theme, theme.error, bold: true))
        return grid
    }
    switch state.screen {
    case .lessonList: drawLessonList(state, theme: theme, grid: &grid)
    case .lesson: drawLesson(state, theme: theme, grid: &grid)
    }
    if state.showHelp { drawHelp(state, theme: theme, grid: &grid) }
    return grid
}

/// A theme style, made bold when asked.
private func style(_ theme: Theme, _ base: Style, bold: Bool = false) -> Style {
    var s = base
    if bold { s.bold = true }
    return s
}

private func drawLessonList(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    grid.put("attn — attention, step by step", x: 2, y: 1, style: style(theme, theme.title, bold: true))
    grid.put("Lessons", x: 2, y: 3, style: style(theme, theme.accent, bold: true))
    for (i, lesson) in state.lessons.enumerated() {
        let y = 5 + i * 2
        guard y < grid.height - 3 else { break }
        let selected = i == state.selectedLesson
        var seen = state.furthestStep[lesson.id].map { "\($0 + 1)/\(lesson.steps.count) seen" } ?? "\(lesson.steps.count) steps"
        let exerciseCount = state.exercises[lesson.id]?.values.reduce(0) { $0 + $1.count } ?? 0
        if exerciseCount > 0 { seen += " · \(state.solved[lesson.id]?.count ?? 0)/\(exerciseCount) solved" }
        let line = "\(selected ? "▶" : " ") \(String(format2(lesson.order))) \(lesson.title)"
        grid.put(line, x: 2, y: y, style: style(theme, selected ? theme.focus : theme.text, bold: selected))
        grid.put(seen, x: grid.width - 2 - columnWidth(of: seen), y: y, style: style(theme, theme.dimText))
        grid.put(lesson.summary, x: 7, y: y + 1, style: style(theme, theme.dimText), clip: Rect(x: 7, y: y + 1, width: grid.width - 9, height: 1))
    }
    if state.lessons.isEmpty {
        grid.put("No lessons found. Put lesson files in Lessons/ (see Lessons/FORMAT.md).", x: 2, y: 5, style: style(theme, theme.error))
    }
    footer("↑/↓ choose   Enter open   ? keys   q quit", state: state, theme: theme, grid: &grid)
    if let message = state.statusMessage { drawStatusMessage(message, theme: theme, grid: &grid) }
}

/// A status message (a progress warning with the path of a backup file, an error) in full,
/// wrapped over as many lines above the footer as it needs, up to a third of the screen: cut at
/// the terminal width, it would hide exactly the part the learner needs.
private func drawStatusMessage(_ message: String, theme: Theme, grid: inout CellGrid) {
    let lines = Array(wrapPlainText(message, width: grid.width - 2).prefix(max(1, grid.height / 3)))
    let top = grid.height - 1 - lines.count
    grid.fill(Rect(x: 0, y: top, width: grid.width, height: lines.count), style: Style(foreground: theme.text.foreground, background: theme.background))
    for (i, line) in lines.enumerated() {
        grid.put(line, x: 1, y: top + i, style: style(theme, theme.dimText))
    }
}

private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

private func footer(_ text: String, right: String = "", state: AppState, theme: Theme, grid: inout CellGrid) {
    let y = grid.height - 1
    // Reverse video of the accent style: a bar in every colour depth, monochrome included.
    var s = theme.accent
    s.reverse = true
    grid.fill(Rect(x: 0, y: y, width: grid.width, height: 1), style: s)
    grid.put(" " + text, x: 0, y: y, style: s, clip: Rect(x: 0, y: y, width: grid.width - columnWidth(of: right) - 2, height: 1))
    grid.put(right, x: grid.width - columnWidth(of: right) - 1, y: y, style: style(theme, s, bold: true))
}

/// The lesson's introduction, full width (the presenter's projector included), before step 1.
private func drawIntroduction(_ state: AppState, _ lesson: Lesson, theme: Theme, grid: inout CellGrid) {
    let counter = "introduction · \(lesson.steps.count) steps"
    grid.put(lesson.title, x: 1, y: 0, style: style(theme, theme.title, bold: true),
             clip: Rect(x: 0, y: 0, width: grid.width - columnWidth(of: counter) - 2, height: 1))
    grid.put(counter, x: grid.width - columnWidth(of: counter) - 1, y: 0, style: style(theme, theme.accent, bold: true))
    let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
    ProseView(markdown: lesson.introduction, depth: state.depth, theme: theme).render(in: body.inset(by: 1), grid: &grid)
    footer("→ step 1   G last step   " + (state.presenter ? "q quit" : "q back"), right: state.presenter ? counter : "? keys", state: state, theme: theme, grid: &grid)
    if let message = state.statusMessage { drawStatusMessage(message, theme: theme, grid: &grid) }
}

private func drawLesson(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    guard let lesson = state.lesson, let step = state.currentStep else { return }
    if state.showingIntroduction { return drawIntroduction(state, lesson, theme: theme, grid: &grid) }
    let counter = "step \(state.step + 1)/\(lesson.steps.count)"
    grid.put(lesson.title, x: 1, y: 0, style: style(theme, theme.title, bold: true))
    grid.put("— " + step.title, x: 2 + columnWidth(of: lesson.title), y: 0, style: style(theme, theme.text),
             clip: Rect(x: 0, y: 0, width: grid.width - columnWidth(of: counter) - 2, height: 1))
    grid.put(counter, x: grid.width - columnWidth(of: counter) - 1, y: 0, style: style(theme, theme.accent, bold: true))
    let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 3)
    let views = drawableViews(state)
    let sceneStyle = SceneStyle(depth: state.depth, theme: theme, cursor: state.cursor, pipelineStage: state.pipelineStage, colorMap: state.colorMap)
    var viewArea = body
    if !state.presenter {
        let proseWidth = views.isEmpty && state.sceneError == nil ? body.width : max(30, body.width * 2 / 5)
        let (prose, rest) = body.splitLeft(proseWidth)
        ProseView(markdown: step.prose, depth: state.depth, theme: theme).render(in: prose.inset(by: 1), grid: &grid)
        viewArea = rest
    }
    if let panel = state.exercisePanel {
        let (rest, panelArea) = viewArea.splitBottom(min(12, max(6, viewArea.height / 2)))
        drawExercisePanel(state, panel, in: panelArea, theme: theme, grid: &grid)
        viewArea = rest
    }
    if let error = state.sceneError {
        grid.put("This step's scene could not be computed:", x: viewArea.x + 1, y: viewArea.y + 1, style: style(theme, theme.error, bold: true))
        for (i, line) in wrapPlainText(error, width: viewArea.width - 2).enumerated() {
            grid.put(line, x: viewArea.x + 1, y: viewArea.y + 2 + i, style: style(theme, theme.error))
        }
    } else if let computed = state.computed, !views.isEmpty {
        let renderer = SceneRenderer(scene: computed, style: sceneStyle)
        drawViews(views, focused: state.focusedView, renderer: renderer, in: viewArea, theme: theme, grid: &grid)
    }
    footer(controlLine(state), right: state.presenter ? counter : "? keys", state: state, theme: theme, grid: &grid)
    if let message = state.statusMessage, state.numberBuffer.isEmpty {
        drawStatusMessage(message, theme: theme, grid: &grid)
    } else {
        grid.put(infoLine(state), x: 1, y: grid.height - 2, style: style(theme, theme.dimText), clip: Rect(x: 0, y: grid.height - 2, width: grid.width, height: 1))
    }
}

/// The focused view gets most of the area; the others share what is left below it.
private func drawViews(_ views: [ResolvedView], focused: Int, renderer: SceneRenderer, in area: Rect, theme: Theme, grid: inout CellGrid) {
    let order = [focused] + views.indices.filter { $0 != focused }
    var rest = area
    for (n, index) in order.enumerated() where index < views.count && rest.height >= 5 {
        let v = views[index]
        let wanted = renderer.preferredHeight(of: v, width: rest.width) + 2
        let height = n == order.count - 1 ? rest.height : min(rest.height, max(wanted, n == 0 ? rest.height * 3 / 5 : 0))
        let (box, remaining) = rest.splitTop(height)
        let title = v.title + (views.count > 1 ? "  [\(index + 1)/\(views.count)]" : "")
        let inner = Box(title: title, focused: index == focused && views.count > 1, theme: theme).render(in: box, grid: &grid)
        var plain = v
        plain.title = ""
        _ = renderer.render(plain, in: inner, grid: &grid)
        rest = remaining
    }
}

/// The active control and its value, or the step keys when the step has no controls.
private func controlLine(_ state: AppState) -> String {
    let controls = state.controls
    guard controls.indices.contains(state.controlIndex) else {
        return "←/→ steps   g/G first/last   N⏎ jump   " + (state.presenter ? "q quit" : "q back")
    }
    let c = controls[state.controlIndex]
    let value = state.value(of: c)
    let shown = c.values.flatMap { v in Int(value) < v.count && value >= 0 ? v[Int(value)] : nil } ?? formatValue(value)
    let range = c.values.map { $0.joined(separator: "|") } ?? "\(formatValue(c.min))…\(formatValue(c.max))"
    return "\(c.label) = \(shown)  (\(range))   +/- change   [/] control \(state.controlIndex + 1)/\(controls.count)   ←/→ steps"
}

private func formatValue(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : formatFixed(Float(x), decimals: 2)
}

/// What the cursor cell of the focused heatmap holds: q_i·k_j, the scaled score, the mask, the weight, its share of row i.
func infoLine(_ state: AppState) -> String {
    if !state.numberBuffer.isEmpty { return "go to step \(state.numberBuffer)⏎" }
    if let message = state.statusMessage { return message }
    let views = drawableViews(state)
    guard let computed = state.computed, views.indices.contains(state.focusedView), views[state.focusedView].kind == .heatmap,
          let name = views[state.focusedView].tensors.first, let t = computed[name], t.tensor.rank == 2 else {
        return views.contains { $0.kind == .pipeline } ? "p/P next/previous pipeline stage   Tab next view" : (views.count > 1 ? "Tab next view" : "")
    }
    let i = min(state.cursor.row, t.tensor.rows - 1), j = min(state.cursor.column, t.tensor.columns - 1)
    let renderer = SceneRenderer(scene: computed, style: SceneStyle())
    func at(_ n: String) -> Float? {
        guard let s = renderer.related(n, to: t.key), s.shape == t.shape else { return nil }
        return s.tensor[i, j]
    }
    let rowLabel = t.rowLabels.map { i < $0.count ? " \($0[i])" : "" } ?? ""
    let colLabel = t.columnLabels.map { j < $0.count ? " \($0[j])" : "" } ?? ""
    var parts = ["(\(i),\(j))\(rowLabel)→\(colLabel)"]
    if let s = at("scores") { parts.append("q·k=\(formatFixed(s, decimals: 3))") }
    if let s = at("scaled") { parts.append("scaled=\(formatFixed(s, decimals: 3))") }
    if let m = at("masked") { parts.append(m == -.infinity ? "masked" : "visible") }
    let value = t.tensor[i, j]
    parts.append("\(name)=\(formatFixed(value, decimals: 3))")
    let rowSum = t.tensor.row(i).reduce(0, +)
    if rowSum > 0, t.key.name == "weights" { parts.append("share of row \(i) \(formatFixed(100 * value / rowSum, decimals: 1))%") }
    return parts.joined(separator: "  ") + "   ↑↓ <> move"
}

/// Every key, shown by `?`.
public let keyHelp: [(String, String)] = [
    ("→ l space PgDn", "next step"), ("← h PgUp", "previous step"), ("g / G", "first / last step"),
    ("N Enter", "jump to step N"), ("Tab / Shift-Tab", "focus next / previous view"),
    ("[ / ]", "previous / next control"), ("+ / -", "change the control"), ("↑ ↓ < >", "move the heatmap cursor"),
    ("p / P", "next / previous pipeline stage"), ("c", "colour map: viridis, magma, grey"),
    ("e", "exercises of this step (next one)"), ("a / h / s", "answer / hint / worked solution"),
    ("r", "reveal the answer (presenter)"), ("?", "this list"), ("q Esc", "back to the lessons, or quit"), ("Ctrl-C", "quit"),
]

private func drawHelp(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    let w = 56, h = keyHelp.count + 4
    let area = Rect(x: (grid.width - w) / 2, y: max(0, (grid.height - h) / 2), width: w, height: h)
    grid.fill(area, style: Style(foreground: theme.text.foreground, background: theme.background))
    let inner = Box(title: "keys (any key closes)", focused: true, theme: theme).render(in: area, grid: &grid)
    for (n, (keys, what)) in keyHelp.enumerated() {
        grid.put(keys, x: inner.x + 1, y: inner.y + 1 + n, style: style(theme, theme.accent, bold: true))
        grid.put(what, x: inner.x + 20, y: inner.y + 1 + n, style: style(theme, theme.text))
    }
}
