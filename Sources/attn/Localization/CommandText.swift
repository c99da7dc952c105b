import LessonEngine

/// Every word the command line prints for people (`--help`, messages, reports), in every language.
///
/// The entries live in `CommandText+English.swift` and `CommandText+Russian.swift`. Output for
/// scripts (`attn eval`, `--json`, `attn bench`, `--format json|junit`) is not here: it stays
/// English and C-formatted. `{name}` marks an argument; `|` separates plural forms (`counted`).
enum CommandText: String, Catalog {
    // Language.
    case langHelp, langInvalid
    // attn and the explorer.
    case attnAbstract, attnDiscussion, exploreAbstract, notATerminalList, colorHelp, themeHelp, progressNotSaved
    // Shared arguments.
    case lessonArgumentHelp, stepOutside, seedHelp, seedInvalid, studentHelp, seedAndStudent, studentNeedsName
    // attn lessons, validate.
    case lessonsAbstract, lessonProblems, validateAbstract, filesChecked, problemCount
    // attn print.
    case printAbstract, printStepHelp, printWidthHelp, printColorHelp, printNoExercisesHelp, printKeyHelp
    case printWidthInvalid, printKeyWithNoExercises, printStudent, printSeed, printAnswerKey, printAnswerKeyLower
    // attn check.
    case checkAbstract, checkDiscussion, checkAnswersHelp, checkFormatHelp, checkFeedbackHelp, cannotReadAnswers, answersNotUTF8
    // attn progress.
    case progressAbstract, progressDiscussion, progressResetHelp, progressYesHelp, progressLessonHelp
    case progressOfLesson, progressAll, progressConfirm, progressYesWord, progressNothingCleared, progressCleared, progressLine, progressStepsLine
    // attn present, attn notes.
    case presentAbstract, presentDiscussion, presentStepHelp, notesAbstract, notesDiscussion, notesStepHelp, notesFollowing, noSpeakerNotes
    // attn models, model, eval, bench.
    case modelsAbstract, modelsDiscussion, modelsListAbstract, modelsInstallAbstract, modelsInstallArgumentHelp
    case modelsIn, modelInstalled, modelNotInstalled, modelDamaged, modelInstallLine, unknownModel
    case modelAbstract, evalAbstract, benchAbstract
    // Finding lessons (--lessons).
    case lessonsFolderHelp, noLessonsFolder, notAFolder, noLessonFile, noSuchLesson, errorPrefix
    case validateDiscussion, validateFilesHelp
    // attn models: files, sizes, install steps.
    case sizeKB, sizeMB, fileVerified, fileMissing, fileWrongSize, fileWrongDigest
    case installAlready, installDownloading, installFileVerified, installDone, minilmTitle, smollm2Title

    static func entries(_ language: Language) -> [CommandText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }
}
