import Foundation
import LessonEngine

/// How long the `•` changed-cell marks stay when no key is pressed (a run loop's timer fades
/// them with `AppState.fadeChangeMarks`).
public let changeMarkMilliseconds = 2000

/// What can happen to the explorer.
public enum Message: Sendable, Equatable {
    case key(Key)
}

/// Applies one message to the state. All behaviour of the explorer is here, testable without a terminal.
public func update(_ state: inout AppState, _ message: Message) {
    guard case .key(let key) = message else { return }
    if key == .control("c") { state.wantsQuit = true; return }
    state.statusMessage = nil            // a message is about the last key; the next one clears it
    // The `•` marks show what the last change did; the next key moves on, so they go (a key
    // that changes something again marks afresh).
    state.fadeChangeMarks()
    if state.showHelp {
        state.showHelp = false          // any key closes the key list
        return
    }
    if state.screen == .lesson, state.modelStep.input != nil {
        updateSentenceInput(&state, key)
        return
    }
    if state.screen == .lesson, state.exercisePanel?.input != nil {
        updateAnswerInput(&state, key)
        return
    }
    if key == .character("?") { state.showHelp = true; return }
    if key == .character("L") {
        // The other language, live: the same step, controls and exercise, in other words.
        state.setLanguage(state.language.next)
        return
    }
    if key == .character("c") {
        let maps = ColorMap.sequential
        state.colorMap = maps[((maps.firstIndex(of: state.colorMap) ?? 0) + 1) % maps.count]
        return
    }
    switch state.screen {
    case .lessonList: updateList(&state, key)
    case .lesson: updateLesson(&state, key)
    }
}

/// Typing an answer: characters go to the input line at its cursor; Enter checks, Esc closes
/// the line. ←/→ and Home/End move the cursor, Ctrl-A/Ctrl-E too (as in a shell), Ctrl-U
/// clears before the cursor, Ctrl-W deletes the word before it. A paste arrives as typed
/// characters; a line break in it ends the line as Enter does.
private func updateAnswerInput(_ state: inout AppState, _ key: Key) {
    guard var panel = state.exercisePanel, var input = panel.input else { return }
    var cursor = panel.inputCursor
    switch editLine(&input, cursor: &cursor, key: key) {
    case .submit:
        state.submitAnswer()
        return
    case .cancel:
        state.exercisePanel?.input = nil
        return
    case .ignored:
        return
    case .edited:
        break
    }
    panel.input = input
    panel.inputCursor = cursor
    state.exercisePanel = panel
}

/// Keys of an open exercise panel; returns false for keys the panel does not use.
private func updateExercisePanel(_ state: inout AppState, _ key: Key) -> Bool {
    guard var panel = state.exercisePanel, let exercise = panel.current else { return false }
    switch key {
    case .character("a"), .enter:
        if !(state.presenter && !panel.revealed && panel.solved) { panel.input = "" }
    case .character("h"):
        // With an exercise open, h gives the next hint; ← and PgUp still go back a step.
        if panel.hintsShown < exercise.hints.count {
            panel.hintsShown += 1
            if let lesson = state.lesson {
                state.pendingProgress.append(ProgressRecord(lesson: lesson.id, exercise: exercise.id, solved: panel.solved, hintsUsed: panel.hintsShown, countsAsTry: false))
            }
        }
    case .character("s"):
        if panel.solutionAvailable || (state.presenter && panel.revealed) {
            panel.showSolution = true
        } else {
            state.statusMessage = ScreenText.solutionLater.counted(3 - panel.tries, state.language)
        }
    case .character("J"): panel.scroll += 3
    case .character("K"): panel.scroll = max(0, panel.scroll - 3)
    case .character("r"): if state.presenter { panel.revealed = true; panel.showSolution = true }
    case .character("e"): panel.next()
    case .character("v"):
        state.applyPins()
        return true
    case .escape, .character("q"): state.exercisePanel = nil; return true
    default: return false
    }
    state.exercisePanel = panel
    return true
}

private func updateLesson(_ state: inout AppState, _ key: Key) {
    if state.showingIntroduction {
        // The introduction is the page before step 1: forward keys leave it, q goes back.
        switch key {
        case .right, .character("l"), .character(" "), .pageDown, .enter: state.leaveIntroduction()
        case .character("G"), .end: state.go(to: (state.lesson?.steps.count ?? 1) - 1)
        case .character("q"), .escape:
            if state.presenter { state.wantsQuit = true } else { state.screen = .lessonList }
        default: break
        }
        return
    }
    if state.exercisePanel != nil, updateExercisePanel(&state, key) { return }
    if updateModelStep(&state, key) { return }
    if key == .character("e") {
        let exercises = state.stepExercises
        state.exercisePanel = exercises.isEmpty ? nil : ExercisePanel(exercises: exercises)
        state.statusMessage = exercises.isEmpty ? ScreenText.noExercises.text(state.language) : nil
        return
    }
    if case .character(let c) = key, c.isASCII, c.isNumber {
        state.numberBuffer.append(c)
        return
    }
    if key == .enter, let n = Int(state.numberBuffer) {
        state.numberBuffer = ""
        state.go(to: n - 1)             // steps are numbered from 1 on screen
        return
    }
    state.numberBuffer = ""
    let stepCount = state.lesson?.steps.count ?? 0
    switch key {
    case .right, .character("l"), .character(" "), .pageDown: state.go(to: state.step + 1)
    case .left, .character("h"), .pageUp:
        if state.step == 0, state.hasIntroduction { state.showingIntroduction = true } else { state.go(to: state.step - 1) }
    case .character("g"), .home: state.go(to: 0)
    case .character("G"), .end: state.go(to: stepCount - 1)
    case .tab:
        let n = drawableViewCount(state)
        if n > 0 { state.focusedView = (state.focusedView + 1) % n }
    case .backTab:
        let n = drawableViewCount(state)
        if n > 0 { state.focusedView = (state.focusedView + n - 1) % n }
    case .character("]"): if !state.controls.isEmpty { state.controlIndex = (state.controlIndex + 1) % state.controls.count }
    case .character("["): if !state.controls.isEmpty { state.controlIndex = (state.controlIndex + state.controls.count - 1) % state.controls.count }
    case .character("+"), .character("="): adjustControl(&state, by: 1)
    case .character("-"), .character("_"): adjustControl(&state, by: -1)
    case .character("}"): adjustControl(&state, by: .infinity)
    case .character("{"): adjustControl(&state, by: -.infinity)
    case .up: state.cursor.row = max(0, state.cursor.row - 1)
    case .down: state.cursor.row = min(max(0, cursorLimits(state).rows - 1), state.cursor.row + 1)
    case .character("<"), .character(","): state.cursor.column = max(0, state.cursor.column - 1)
    case .character(">"), .character("."): state.cursor.column = min(max(0, cursorLimits(state).columns - 1), state.cursor.column + 1)
    case .character("z"): state.soloView.toggle()
    case .character("J"): state.proseScroll += 3
    case .character("K"): state.proseScroll = max(0, state.proseScroll - 3)
    case .character("p"): state.pipelineStage += 1
    case .character("P"): state.pipelineStage = max(0, state.pipelineStage - 1)
    case .character("q"), .escape:
        if state.presenter { state.wantsQuit = true } else { state.screen = .lessonList }
    default: break
    }
}

/// The values `+`/`-` walk through for a control, when they are not an even grid: a
/// temperature on a logarithmic 1–2–5 ladder (0.05 … 20 in 9 presses, not 400), d_k in powers
/// of two. nil for the even grid of `step`.
func controlLadder(_ c: ControlSpec) -> [Double]? {
    var ladder: [Double]
    switch c.param {
    case "temperature":
        ladder = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]
    case "dk":
        ladder = (0...12).map { pow(2, Double($0)) }
    default:
        return nil
    }
    ladder = ladder.filter { $0 >= c.min - 1e-9 && $0 <= c.max + 1e-9 }
    for end in [c.min, c.max, c.defaultValue] where !ladder.contains(where: { abs($0 - end) < 1e-9 }) { ladder.append(end) }
    return ladder.sorted()
}

/// Moves the active control one step up or down within its range (or to an end: `direction`
/// ±∞) and recomputes the scene.
private func adjustControl(_ state: inout AppState, by direction: Double) {
    guard state.controls.indices.contains(state.controlIndex) else { return }
    let c = state.controls[state.controlIndex]
    let current = state.value(of: c)
    let value: Double
    if direction.isInfinite {
        value = direction > 0 ? c.max : c.min
    } else if let ladder = controlLadder(c) {
        // The next rung above or below the current value (which may lie between rungs).
        value = direction > 0 ? (ladder.first { $0 > current + 1e-9 } ?? c.max) : (ladder.last { $0 < current - 1e-9 } ?? c.min)
    } else {
        let next = min(c.max, max(c.min, current + direction * c.step))
        // Round to the step grid so repeated steps do not drift (0.1 + 0.2 ≠ 0.3).
        value = (((next - c.min) / c.step).rounded() * c.step + c.min)
    }
    state.overrides[c.param] = min(c.max, max(c.min, value))
    state.changeFromControl = true
    state.recompute()
    let limits = cursorLimits(state)
    state.cursor.row = min(state.cursor.row, max(0, limits.rows - 1))
    state.cursor.column = min(state.cursor.column, max(0, limits.columns - 1))
}

func drawableViews(_ state: AppState) -> [ResolvedView] {
    state.computed?.views.filter { $0.kind != .prose } ?? []
}

private func drawableViewCount(_ state: AppState) -> Int { drawableViews(state).count }

/// The focused heatmap's size, which bounds the cursor.
func cursorLimits(_ state: AppState) -> (rows: Int, columns: Int) {
    let views = drawableViews(state)
    guard views.indices.contains(state.focusedView), views[state.focusedView].kind == .heatmap,
          let name = views[state.focusedView].tensors.first, let t = state.computed?[name] else { return (0, 0) }
    return t.rank == 1 ? (1, t.count) : (t.rows, t.columns)
}
