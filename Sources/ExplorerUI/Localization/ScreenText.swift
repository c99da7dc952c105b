import LessonEngine

/// Every word the explorer's screens and `attn print`'s handouts show, in every language.
///
/// The entries live in `ScreenText+English.swift` and `ScreenText+Russian.swift`; `{name}`
/// marks an argument, and an entry with `|` lists plural forms (see `counted`). Keys, notation
/// and the lesson's own words are not here: keys stay keys (`q`, `→`), `q·k` and `−∞` are the
/// lecture's notation, and lesson words come from `Lesson.localized(to:)`.
public enum ScreenText: String, Catalog {
    // Whole screen.
    case terminalTooSmall, appTitle, lessonsHeading, noLessons, listFooter, helpKey, quitKey, backKey
    // Lesson list.
    case stepsSeen, stepCount, exercisesSolved, lessonsAbove, lessonsBelow
    // Introduction and lesson screen.
    case introductionCounter, introductionFooter, stepCounter, proseScroll, sceneNotComputed, moreViews
    // Footer and info line.
    case stepKeys, scaleDoubling, scaleLog, controlChangeKeys, controlEndsKeys, controlChoiceKeys, controlStepKeys, goToStep, pipelineKeys, nextViewKey
    case cursorScaled, cursorMasked, cursorVisible, shareOfRow, cursorKeys, cursorScoresWithoutRoPE, cursorBias
    // Help overlay.
    case helpTitle, helpNextStep, helpPreviousStep, helpFirstLastStep, helpJump, helpFocus, helpControl, helpChangeControl
    case helpCursor, helpPipeline, helpSolo, helpScroll, helpColorMap, helpExercises, helpAnswerHintSolution
    case helpReveal, helpLanguage, helpThisList, helpBack, helpQuit, helpSentence, helpGenerate
    // Status messages.
    case solutionLater, noExercises
    // Exercise panel.
    case exerciseTitle, kindNumber, kindVector, kindToken, kindYesNo, questionAssumes, pinDifference, answerPrompt
    case panelAnswerKey, panelHintKey, panelNextKey, panelCloseKey, panelSolutionKey, panelSolutionLaterKey, panelRevealKey
    case answerReceived, tryNumber, hintNumber, solutionHeading
    // Views: axes, legends, captions made here.
    case axisQuery, axisRow, axisKey, axisColumn, maskedMeansWeightZero, quantityWeight, maskLegend, queryNumber
    case emptyMatrix, legendWhiteIsZero, legendChanged, legendDiagonal, legendMasked, legendTooNarrow
    case legendCursorShowsValues, legendHalfBlocks, legendRowsSumToOne, legendRowsShown, legendColumnsShown
    case softmaxKeyHeader, softmaxMasked, moreRows
    case ropePair, ropeAtToken, ropeBefore, ropeAfter, ropeFan, ropeQueryAt, ropeKeyAt, ropeAngleBetween
    // `attn print`.
    case printExercises, printKindNumber, printKindVector, printKindToken, printKindYesNo
    case printWithPins, printCannotCompute, printAnswer, printAnswerLine, printSceneError

    public static func entries(_ language: Language) -> [ScreenText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }

    /// Entries that are the same in Russian as in English on purpose (notation, names).
    public static let sameInEveryLanguage: Set<ScreenText> = []
}
