import Foundation
import LessonEngine

/// A model step's live state: the learner's own sentence and the line it is typed in.
public struct ModelStepState: Sendable, Equatable {
    /// The learner's sentence for the current step; nil shows the lesson's.
    public var sentence: String?
    /// The sentence being typed, when the input line is open.
    public var input: String?
    /// Where typing goes in `input`, in characters.
    public var inputCursor = 0
    /// The trained model the step needs and this machine lacks (set when the scene says so).
    public var missingModel: SceneModel?

    public init() {}

    /// A new step starts from the lesson's sentence, with the line closed.
    mutating func leaveStep() {
        sentence = nil
        input = nil
        inputCursor = 0
    }
}

extension AppState {
    /// The current step's model, when it runs one.
    public var modelInfo: ModelSceneInfo? { currentStep?.scene?.modelInfo }

    /// The sentence the model reads now: the learner's, else the lesson's.
    public var modelSentence: String? {
        guard let info = modelInfo else { return nil }
        return modelStep.sentence ?? info.sentence
    }

    /// "sentence = … (yours: …)" when the learner's sentence is not the one the questions ask about.
    var modelSentenceDifference: [String] {
        guard let info = modelInfo, let mine = modelStep.sentence, mine != info.sentence else { return [] }
        return [ModelText.sentenceDiffers.text(language, ["lesson": info.sentence, "yours": mine])]
    }

    /// Opens the sentence line with the sentence shown, ready to edit (Ctrl-U clears it).
    mutating func openSentenceInput() {
        let current = modelSentence ?? ""
        modelStep.input = current
        modelStep.inputCursor = current.count
    }

    /// Runs the model on the typed sentence.
    mutating func submitSentence(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            statusMessage = ModelText.sentenceEmpty.text(language)
            return
        }
        modelStep.input = nil
        modelStep.sentence = trimmed == modelInfo?.sentence ? nil : trimmed
        // A new sentence is a new sequence: nothing generated yet, the cursor at the start.
        overrides["generate"] = nil
        cursor = MatrixIndex(row: 0, column: 0)
        changeFromControl = false
        recompute()
    }

    /// Appends (`by: 1`) or removes (`by: -1`) a generated token.
    mutating func changeGenerated(by delta: Int) {
        guard let info = modelInfo else { return }
        guard info.generates else { statusMessage = ModelText.noGenerate.text(language); return }
        let now = Int(overrides["generate"] ?? computed?.parameters["generate"] ?? 0)
        let next = now + delta
        if next < 0 { statusMessage = ModelText.noneToRemove.text(language); return }
        if next > 32 { statusMessage = ModelText.generateLimit.text(language); return }
        let before = computed?["ids"]?.count
        overrides["generate"] = Double(next)
        changeFromControl = true
        recompute()
        if delta > 0, let before, computed?["ids"]?.count == before {
            // The model stopped at its end-of-text token: nothing was appended.
            overrides["generate"] = Double(now)
            recompute()
            statusMessage = ModelText.generateEnded.text(language)
        }
        // Follow the newest token with the cursor, as a reader's eye does.
        if let n = computed?["ids"]?.count { cursor = MatrixIndex(row: n - 1, column: min(cursor.column, n - 1)) }
    }
}

/// Keys of a model step: `i` types a sentence, `I` goes back to the lesson's, `n`/`N` append or
/// remove SmolLM2's greedy next token. Returns false for every other key (and on other steps).
func updateModelStep(_ state: inout AppState, _ key: Key) -> Bool {
    guard state.modelInfo != nil else { return false }
    switch key {
    case .character("i"):
        state.openSentenceInput()
    case .character("I"):
        guard state.modelStep.sentence != nil else { return true }
        state.modelStep.sentence = nil
        state.overrides["generate"] = nil
        state.recompute()
        state.statusMessage = ModelText.sentenceBack.text(state.language)
    case .character("n"):
        state.changeGenerated(by: 1)
    case .character("N"):
        state.changeGenerated(by: -1)
    default:
        return false
    }
    return true
}

/// Typing the sentence: the answer line's editing keys; Enter runs the model, Esc closes the line.
func updateSentenceInput(_ state: inout AppState, _ key: Key) {
    guard var text = state.modelStep.input else { return }
    var cursor = state.modelStep.inputCursor
    switch editLine(&text, cursor: &cursor, key: key, limit: 160) {
    case .submit: state.submitSentence(text)
    case .cancel: state.modelStep.input = nil
    case .ignored: break
    case .edited:
        state.modelStep.input = text
        state.modelStep.inputCursor = cursor
    }
}

/// The line above the footer on a model step: the sentence being typed (with its cursor), or the
/// step's keys beside the info line when they fit.
func drawModelStepLine(_ state: AppState, theme: Theme, grid: inout CellGrid) {
    guard state.screen == .lesson, !state.showingIntroduction, state.modelInfo != nil else { return }
    let y = grid.height - 2
    let row = Rect(x: 0, y: y, width: grid.width, height: 1)
    if let input = state.modelStep.input {
        grid.fill(row, style: Style(foreground: theme.text.foreground, background: theme.background))
        let prompt = ModelText.sentencePrompt.text(state.language)
        let keys = ModelText.sentenceKeys.text(state.language)
        var x = grid.put(prompt, x: 1, y: y, style: theme.accent, clip: row)
        let room = grid.width - x - columnWidth(of: keys) - 3
        // The end of a long sentence stays in sight: that is where the typing is.
        let chars = Array(input)
        let cursor = min(max(0, state.modelStep.inputCursor), chars.count)
        var start = 0
        while start < cursor, columnWidth(of: String(chars[start..<cursor])) > max(4, room - 1) { start += 1 }
        var shown = ""
        for c in chars[start...] {
            if columnWidth(of: shown + String(c)) > max(4, room - 1) { break }
            shown.append(c)
        }
        let before = String(shown.prefix(cursor - start))
        x = grid.put(before, x: x, y: y, style: theme.text, clip: row)
        let after = String(shown.dropFirst(cursor - start))
        var caret = theme.focus
        caret.reverse = true
        let atCursor = after.first.map(String.init) ?? " "
        let x2 = grid.put(atCursor, x: x, y: y, style: caret, clip: row)
        grid.put(String(after.dropFirst()), x: x2, y: y, style: theme.text, clip: row)
        grid.put(keys, x: grid.width - columnWidth(of: keys) - 1, y: y, style: theme.dimText, clip: row)
        return
    }
    guard state.statusMessage == nil, state.numberBuffer.isEmpty else { return }
    let hint = (state.modelInfo?.generates ?? false ? ModelText.keysHintGenerate : ModelText.keysHint).text(state.language)
    let used = columnWidth(of: infoLine(state)) + 2
    let x = grid.width - columnWidth(of: hint) - 1
    guard x > used else { return }
    grid.put(hint, x: x, y: y, style: theme.accent, clip: row)
}

/// Instead of a failed scene: which model is missing and the one command that installs it.
func drawMissingModel(_ model: SceneModel, state: AppState, in area: Rect, theme: Theme, grid: inout CellGrid) {
    let inner = Box(title: model.title, focused: true, theme: theme).render(in: area, grid: &grid)
    var y = inner.y + 1
    let width = max(10, inner.width - 2)
    var title = theme.accent
    title.bold = true
    for line in wrapPlainText(ModelText.missingTitle.text(state.language, ["model": model.title]), width: width) where y < inner.maxY {
        grid.put(line, x: inner.x + 1, y: y, style: title, clip: inner); y += 1
    }
    y += 1
    for line in wrapPlainText(ModelText.missingBody.text(state.language), width: width) where y < inner.maxY {
        grid.put(line, x: inner.x + 1, y: y, style: theme.text, clip: inner); y += 1
    }
    y += 1
    if y < inner.maxY {
        var command = theme.code
        command.bold = true
        grid.put("  " + SceneModel.installCommand, x: inner.x + 1, y: y, style: command, clip: inner)
        y += 2
    }
    for line in wrapPlainText(ModelText.missingAfter.text(state.language), width: width) where y < inner.maxY {
        grid.put(line, x: inner.x + 1, y: y, style: theme.dimText, clip: inner); y += 1
    }
}
