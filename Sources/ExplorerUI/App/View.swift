import LessonEngine

/// The smallest terminal the explorer draws in.
public let minimumSize = (width: 80, height: 24)

/// Draws the whole screen for `state` at `width` × `height`.
public func view(_ state: AppState, width: Int, height: Int) -> CellGrid {
    var grid = CellGrid(width: width, height: height)
    var theme = state.theme.reduced(to: state.depth)
    if state.presenter {
        // A projector washes out dim grey: labels and legends in the text colour, not dimmed.
        theme.dimText = theme.text
        theme.dimText.bold = false
    }
    grid.fill(grid.bounds, style: Style(foreground: theme.text.foreground, background: theme.background))
    guard width >= minimumSize.width, height >= minimumSize.height else {
        let message = ScreenText.terminalTooSmall.text(state.language, ["need": "\(minimumSize.width)×\(minimumSize.height)", "have": "\(width)×\(height)"])
        let y = height / 2, x = max(0, (width - columnWidth(of: message)) / 2)
        grid.put(message, x: x, y: y, style: style(theme, theme.error, bold: true))
        return grid
    }
    switch state.screen {
    case .lessonList:
        drawLessonList(state, theme: theme, grid: &grid)
        footer(ScreenText.listFooter.text(state.language), right: state.language.rawValue.uppercased(), state: state, theme: theme, grid: &grid)
        if let message = state.statusMessage { drawStatusMessage(message, theme: theme, grid: &grid) }
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

/// The footer's right end outside presenter mode: the help key and the current language (`EN`/`RU`).
private func helpAndLanguage(_ state: AppState) -> String {
    ScreenText.helpKey.text(state.language) + "  " + state.language.rawValue.uppercased()
}

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
    let counter = ScreenText.introductionCounter.text(state.language, ["steps": ScreenText.stepCount.counted(lesson.steps.count, state.language)])
    grid.put(lesson.title, x: 1, y: 0, style: style(theme, theme.title, bold: true),
             clip: Rect(x: 0, y: 0, width: grid.width - columnWidth(of: counter) - 2, height: 1))
    grid.put(counter, x: grid.width - columnWidth(of: counter) - 1, y: 0, style: style(theme, theme.accent, bold: true))
    let body = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
    ProseView(markdown: lesson.introduction, depth: state.depth, theme: theme).render(in: body.inset(by: 1), grid: &grid)
    let keys = ScreenText.introductionFooter.text(state.language) + "   " + (state.presenter ? ScreenText.quitKey : ScreenText.backKey).text(state.language)
    footer(keys, right: state.presenter ? counter : helpAndLanguage(state), state: state, theme: theme, grid: &grid)
    if let message = state.statusMessage { drawStatusMessage(message, theme: theme, grid: &grid) }
}

private func drawLesson(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    guard let lesson = state.lesson, let step = state.currentStep else { return }
    if state.showingIntroduction { return drawIntroduction(state, lesson, theme: theme, grid: &grid) }
    let counter = ScreenText.stepCounter.text(state.language, ["step": String(state.step + 1), "count": String(lesson.steps.count)])
    let titleClip = Rect(x: 0, y: 0, width: grid.width - columnWidth(of: counter) - 2, height: 1)
    let x = grid.put(lesson.title, x: 1, y: 0, style: style(theme, theme.title, bold: true), clip: titleClip)
    grid.put(" — " + step.title, x: x, y: 0, style: style(theme, theme.text), clip: titleClip)
    grid.put(counter, x: grid.width - columnWidth(of: counter) - 1, y: 0, style: style(theme, theme.accent, bold: true))
    let views = drawableViews(state)
    let sceneStyle = lessonSceneStyle(state, theme: theme)
    let areas = lessonAreas(state, width: grid.width, height: grid.height)
    if let prose = areas.prose {
        let proseView = ProseView(markdown: step.prose, scroll: state.proseScroll, depth: state.depth, theme: theme)
        let proseArea = prose.inset(by: 1)
        proseView.render(in: proseArea, grid: &grid)
        if proseView.lineCount(width: proseArea.width) > proseArea.height {
            // ▼/▲ mark the cut; the keys to scroll go on the line below the prose.
            let scroll = ScreenText.proseScroll.text(state.language)
            grid.put(scroll, x: proseArea.maxX - columnWidth(of: scroll), y: proseArea.maxY, style: style(theme, theme.dimText), clip: prose)
        }
    }
    if let panel = state.exercisePanel, let panelArea = areas.panel {
        drawExercisePanel(state, panel, in: panelArea, theme: theme, grid: &grid)
    }
    let viewArea = areas.views
    if let missing = state.modelStep.missingModel {
        drawMissingModel(missing, state: state, in: viewArea, theme: theme, grid: &grid)
    } else if let error = state.sceneError {
        grid.put(ScreenText.sceneNotComputed.text(state.language), x: viewArea.x + 1, y: viewArea.y + 1, style: style(theme, theme.error, bold: true))
        for (i, line) in wrapPlainText(error, width: viewArea.width - 2).enumerated() {
            grid.put(line, x: viewArea.x + 1, y: viewArea.y + 2 + i, style: style(theme, theme.error))
        }
    } else if let computed = state.computed, !views.isEmpty {
        let renderer = SceneRenderer(scene: computed, style: sceneStyle)
        drawViews(views, focused: state.focusedView, solo: state.soloView, renderer: renderer, in: viewArea, theme: theme, language: state.language, grid: &grid)
    }
    let right = state.presenter ? counter : helpAndLanguage(state)
    footer(controlLine(state, width: grid.width - columnWidth(of: right) - 3), right: right, state: state, theme: theme, grid: &grid)
    if let message = state.statusMessage, state.numberBuffer.isEmpty {
        drawStatusMessage(message, theme: theme, grid: &grid)
    } else {
        grid.put(infoLine(state), x: 1, y: grid.height - 2, style: style(theme, theme.dimText), clip: Rect(x: 0, y: grid.height - 2, width: grid.width, height: 1))
    }
    drawModelStepLine(state, theme: theme, grid: &grid)
}

/// How the lesson screen draws the scene: the learner's cursor, colours, the selected query.
func lessonSceneStyle(_ state: AppState, theme: Theme) -> SceneStyle {
    var style = SceneStyle(depth: state.depth, theme: theme, cursor: state.cursor, pipelineStage: state.pipelineStage, colorMap: state.colorMap)
    if let q = state.controls.first(where: { $0.param == "query" }) { style.selectedQuery = Int(state.value(of: q)) }
    style.previous = state.previousComputed
    style.changeFromControl = state.changeFromControl
    style.presenter = state.presenter
    style.language = state.language
    return style
}

/// Where the parts of a lesson screen go: the prose column (not in presenter mode), the
/// exercise panel when it is open, and the views.
///
/// The exercise panel takes the bottom of the prose column, so it never hides the views its
/// question and hints point to; on the projector, which has no prose column, it takes the
/// bottom of the views' area.
func lessonAreas(_ state: AppState, width: Int, height: Int) -> (prose: Rect?, panel: Rect?, views: Rect) {
    let body = Rect(x: 0, y: 1, width: width, height: height - 3)
    let views = drawableViews(state)
    var viewArea = body
    var proseArea: Rect?
    var panelArea: Rect?
    if !state.presenter && !state.soloView {
        let proseWidth = views.isEmpty && state.sceneError == nil ? body.width : max(30, body.width * 2 / 5)
        let (prose, rest) = body.splitLeft(proseWidth)
        proseArea = prose
        viewArea = rest
        if state.exercisePanel != nil {
            let (top, bottom) = prose.splitBottom(min(prose.height - 4, max(10, prose.height * 3 / 5)))
            proseArea = top
            panelArea = bottom
        }
    } else if state.exercisePanel != nil {
        let (rest, bottom) = viewArea.splitBottom(min(12, max(6, viewArea.height / 2)))
        viewArea = rest
        panelArea = bottom
    }
    return (proseArea, panelArea, viewArea)
}

/// Where each view goes: its index and box, in drawing order (the focused view first).
struct ViewPlacement: Equatable {
    var index: Int
    var box: Rect
}

/// Gives each view the space its content needs, the focused one first and most; a view that
/// cannot get even its smallest useful height is left out (the info line says so).
///
/// Each view asks for its natural height (a heatmap's rows, a table's rows) and names a
/// minimum (the least that still shows something). When everything fits, space to spare goes
/// to the focused view if it can use it (heatmaps draw taller cells, rotation plots larger
/// circles). When it does not, the other views shrink to their minimum, last first, then the
/// focused one, then views are left out, last first.
func placeViews(_ views: [ResolvedView], focused: Int, renderer: SceneRenderer, in area: Rect) -> [ViewPlacement] {
    guard !views.isEmpty, area.height >= 3 else { return [] }
    let focused = min(max(0, focused), views.count - 1)
    if let tiles = tiledPlacements(views, renderer: renderer, in: area) { return tiles }
    let order = [focused] + views.indices.filter { $0 != focused }
    let wanted = order.map { min(area.height, renderer.preferredHeight(of: views[$0], width: area.width - 2) + 2) }
    let minimum = order.indices.map { min(wanted[$0], renderer.minimumHeight(of: views[order[$0]], width: area.width - 2) + 2) }
    // The focused view in full when it can be; then as many others as fit at their minimum.
    // A second view squeezed into a half-block map is worth less than a focused map with its
    // numbers: the others are left out first (Tab brings each one forward).
    var count = 1
    while count < order.count && wanted[0] + minimum[1...count].reduce(0, +) <= area.height { count += 1 }
    if count == 1 {
        while count < order.count && minimum.prefix(count + 1).reduce(0, +) <= area.height && wanted[0] > area.height { count += 1 }
    }
    var height = Array(minimum.prefix(count))
    height[0] = min(area.height, max(height[0], min(wanted[0], area.height - minimum.dropFirst().prefix(count - 1).reduce(0, +))))
    // What is left goes to each view up to what it wants, focused first, then to one that can grow.
    var spare = area.height - height.reduce(0, +)
    for k in 0..<count where spare > 0 {
        let more = min(spare, wanted[k] - height[k])
        if more > 0 { height[k] += more; spare -= more }
    }
    if spare > 0, let k = (0..<count).first(where: { renderer.canGrow(views[order[$0]]) }) {
        height[k] += spare
    }
    let wantedHeights = height
    var y = area.y
    var placements: [ViewPlacement] = []
    for k in 0..<count {
        let h = min(wantedHeights[k], area.maxY - y)
        guard h >= 3 else { break }
        placements.append(ViewPlacement(index: order[k], box: Rect(x: area.x, y: y, width: area.width, height: h)))
        y += h
    }
    return placements
}

/// Several heatmaps side by side, two to a row, when stacking them would squeeze some into
/// half blocks and the area is wide enough for two maps with their numbers (the heads of a
/// multi-head step at 160 columns).
func tiledPlacements(_ views: [ResolvedView], renderer: SceneRenderer, in area: Rect) -> [ViewPlacement]? {
    guard views.count >= 2, views.allSatisfy({ $0.kind == .heatmap }) else { return nil }
    let stacked = views.map { renderer.preferredHeight(of: $0, width: area.width - 2) + 2 }.reduce(0, +)
    guard stacked > area.height else { return nil }
    let columns = 2, rows = (views.count + 1) / 2
    let width = area.width / columns, height = area.height / rows
    let needWidth = views.map { v -> Int in
        guard let t = renderer.tensor(v.tensors.first) else { return 0 }
        let labels = (t.columnLabels ?? []).map { columnWidth(of: $0) }.max() ?? 2
        let rowLabels = (t.rowLabels ?? []).map { columnWidth(of: $0) }.max() ?? 2
        return rowLabels + 2 + t.columns * max(5, labels + 1) + 5   // ".21" fits a 5-wide cell
    }.max() ?? 0
    let needHeight = views.map { renderer.preferredHeight(of: $0, width: width - 2) + 2 }.max() ?? 0
    guard width >= needWidth, height >= needHeight else { return nil }
    return views.indices.map { i in
        ViewPlacement(index: i, box: Rect(x: area.x + (i % columns) * width, y: area.y + (i / columns) * height,
                                          width: i % columns == columns - 1 ? area.width - width : width, height: height))
    }
}

private func drawViews(_ views: [ResolvedView], focused: Int, solo: Bool, renderer: SceneRenderer, in area: Rect, theme: Theme, language: Language, grid: inout CellGrid) {
    let placements = solo ? placeViews([views[min(focused, views.count - 1)]], focused: 0, renderer: renderer, in: area)
        .map { ViewPlacement(index: min(focused, views.count - 1), box: $0.box) } : placeViews(views, focused: focused, renderer: renderer, in: area)
    for p in placements {
        let v = views[p.index]
        // The view's number first: a long title is cut at its end, and the number must stay.
        let title = (views.count > 1 ? "\(p.index + 1)/\(views.count) · " : "") + renderer.title(of: v)
        let inner = Box(title: title, focused: p.index == focused && views.count > 1, theme: theme).render(in: p.box, grid: &grid)
        if p == placements.last, placements.count < views.count, !solo {
            // Left out for lack of room: say so where the eye ends, on the last box's bottom edge.
            let note = " " + ScreenText.moreViews.counted(views.count - placements.count, language) + " "
            grid.put(note, x: max(p.box.x + 1, p.box.maxX - 2 - columnWidth(of: note)), y: p.box.maxY - 1, style: theme.accent, clip: p.box)
        }
        var plain = v
        plain.title = ""
        _ = renderer.render(plain, in: inner, grid: &grid)
    }
}

/// The active control and its value, or the step keys when the step has no controls, in
/// `width` columns: key hints the learner can do without (←/→ steps, then {/} min/max) give way
/// before the control's value would be cut.
private func controlLine(_ state: AppState, width: Int) -> String {
    let controls = state.controls
    let language = state.language
    guard controls.indices.contains(state.controlIndex) else {
        return ScreenText.stepKeys.text(language) + "   " + (state.presenter ? ScreenText.quitKey : ScreenText.backKey).text(language)
    }
    let c = controls[state.controlIndex]
    let value = state.value(of: c)
    let numbers = language.numbers
    let shown = c.values.flatMap { v in Int(value) < v.count && value >= 0 ? v[Int(value)] : nil } ?? formatValue(value, numbers)
    let range = c.values.map { $0.joined(separator: "|") } ?? "\(formatValue(c.min, numbers))…\(formatValue(c.max, numbers))"
    let scale = controlLadder(c) != nil ? " " + (c.param == "dk" ? ScreenText.scaleDoubling : ScreenText.scaleLog).text(language) : ""
    let valuePart = "\(c.label) = \(shown)  (\(range)\(scale))"
    let arguments = ["index": String(state.controlIndex + 1), "count": String(controls.count)]
    var hints: [ScreenText] = [.controlChangeKeys, .controlEndsKeys, .controlChoiceKeys, .controlStepKeys]
    func line() -> String { ([valuePart] + hints.map { $0.text(language, arguments) }).joined(separator: "   ") }
    for optional in [ScreenText.controlStepKeys, .controlEndsKeys] where columnWidth(of: line()) > width - 1 {
        hints.removeAll { $0 == optional }
    }
    return line()
}

private func formatValue(_ x: Double, _ numbers: NumberFormat) -> String {
    x == x.rounded() && abs(x) < 1e6 ? String(Int(x)) : numbers.fixed(x, decimals: 2)
}

/// What the cursor cell of the focused heatmap holds: q_i·k_j, the scaled score, the mask, the weight, its share of row i.
func infoLine(_ state: AppState) -> String {
    let language = state.language
    if !state.numberBuffer.isEmpty { return ScreenText.goToStep.text(language, ["step": state.numberBuffer]) }
    if let message = state.statusMessage { return message }
    let views = drawableViews(state)
    guard let computed = state.computed, views.indices.contains(state.focusedView), views[state.focusedView].kind == .heatmap,
          let name = views[state.focusedView].tensors.first, let t = computed[name], t.rank == 2 else {
        return views.contains { $0.kind == .pipeline } ? ScreenText.pipelineKeys.text(language) + "   " + ScreenText.nextViewKey.text(language)
            : (views.count > 1 ? ScreenText.nextViewKey.text(language) : "")
    }
    let numbers = language.numbers
    let i = min(state.cursor.row, t.rows - 1), j = min(state.cursor.column, t.columns - 1)
    let renderer = SceneRenderer(scene: computed, style: SceneStyle())
    func at(_ n: String) -> Float? {
        guard let s = renderer.related(n, to: t.key), s.shape == t.shape else { return nil }
        return s[i, j]
    }
    let rowLabel = t.rowLabels.map { i < $0.count ? " \($0[i])" : "" } ?? ""
    let colLabel = t.columnLabels.map { j < $0.count ? " \($0[j])" : "" } ?? ""
    // (i,j) in English; (i; j) where a comma is the decimal mark, so (0,5) cannot read as 0.5.
    let position = numbers.decimalMark == "," ? "(\(i); \(j))" : "(\(i),\(j))"
    var parts = ["\(position)\(rowLabel)→\(colLabel)"]
    if let s = at("scores") { parts.append("q·k=\(formatFixed(s, decimals: 3, format: numbers))") }
    if let s = at("scaled") { parts.append("\(ScreenText.cursorScaled.text(language))=\(formatFixed(s, decimals: 3, format: numbers))") }
    if let m = at("masked") { parts.append((m == -.infinity ? ScreenText.cursorMasked : ScreenText.cursorVisible).text(language)) }
    let value = t[i, j]
    let named = cursorName(name, in: computed, language: language)
    if !parts.contains(where: { $0.hasPrefix(named + "=") }) { parts.append("\(named)=\(formatFixed(value, decimals: 3, format: numbers))") }
    let rowSum = t.row(i).reduce(0, +)
    if rowSum > 0, t.key.name == "weights" {
        parts.append(ScreenText.shareOfRow.text(language, ["row": String(i), "share": formatFixed(100 * value / rowSum, decimals: 1, format: numbers)]))
    }
    return parts.joined(separator: "  ") + "   " + ScreenText.cursorKeys.text(language)
}

/// A tensor's name in the cursor footer: short lecture notation (`a`, `S+M`, `M`), the head
/// kept, never the code's name (`weights[0]`, `scoresUnrotated`).
func cursorName(_ name: String, in scene: ComputedScene, language: Language = .en) -> String {
    let key = scene[name]?.key
    // A staged scene's result is known by its stage: `attn.weights[0]`, as views and exercises write it.
    if key?.stage != nil { return name }
    let base = key?.name ?? name
    let head = key?.head.map { " h\($0)" } ?? ""
    let short: String
    switch base {
    case "weights", "row", "causalWeights": short = "a"
    case "masked": short = "S+M"
    case "scores": short = "q·k"
    case "scaled": short = ScreenText.cursorScaled.text(language)
    case "mask": short = "M"
    case "angles": short = "m·θ"
    case "scoresUnrotated": short = ScreenText.cursorScoresWithoutRoPE.text(language)
    case "bias": short = ScreenText.cursorBias.text(language)
    default: short = tensorDisplayText(name, in: scene, language).name
    }
    return short + head
}

/// Every key, shown by `?`, in English (the keys themselves are the same in every language).
public var keyHelp: [(String, String)] { localizedKeyHelp(.en) }

/// Every key and what it does in `language`, shown by `?`; on a step that runs a trained `model`
/// also its keys (ModelStep.swift): the sentence's, and the generated tokens' where it generates.
public func localizedKeyHelp(_ language: Language, model: ModelSceneInfo? = nil) -> [(String, String)] {
    let modelKeys: [(String, ScreenText)] = model.map { [("i / I", .helpSentence)] + ($0.generates ? [("n / N", .helpGenerate)] : []) } ?? []
    let rows: [(String, ScreenText)] = [
        ("→ l space PgDn", .helpNextStep), ("← h PgUp", .helpPreviousStep), ("g G Home End", .helpFirstLastStep),
        ("1 2 … Enter", .helpJump), ("Tab / Shift-Tab", .helpFocus),
        ("[ / ]", .helpControl), ("+ / -  { / }", .helpChangeControl), ("↑ ↓ < >", .helpCursor),
        ("p / P", .helpPipeline), ("z", .helpSolo), ("J / K", .helpScroll), ("c", .helpColorMap),
    ] + modelKeys + [
        ("e", .helpExercises), ("a / h / s", .helpAnswerHintSolution),
        ("r", .helpReveal), ("L", .helpLanguage), ("?", .helpThisList), ("q Esc", .helpBack), ("Ctrl-C", .helpQuit),
    ]
    return rows.map { ($0.0, $0.1.text(language, ["language": language.nativeName, "other": language.next.nativeName])) }
}

private func drawHelp(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    let help = localizedKeyHelp(state.language, model: state.modelInfo)
    let keysWidth = 18
    // a blank line above and below the list, where the screen has room for them (24 rows hold the
    // model step's 21 keys only without)
    let pad = help.count + 4 <= grid.height ? 1 : 0
    let w = min(grid.width, max(56, 2 + 1 + keysWidth + 2 + (help.map { columnWidth(of: $0.1) }.max() ?? 0) + 2)), h = help.count + 2 + 2 * pad
    let area = Rect(x: (grid.width - w) / 2, y: max(0, (grid.height - h) / 2), width: w, height: h)
    grid.fill(area, style: Style(foreground: theme.text.foreground, background: theme.background))
    let inner = Box(title: ScreenText.helpTitle.text(state.language), focused: true, theme: theme).render(in: area, grid: &grid)
    for (n, (keys, what)) in help.enumerated() {
        grid.put(keys, x: inner.x + 1, y: inner.y + pad + n, style: style(theme, theme.accent, bold: true))
        grid.put(what, x: inner.x + 20, y: inner.y + pad + n, style: style(theme, theme.text), clip: inner)
    }
}
