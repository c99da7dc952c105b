/// The engine's words: every message lesson diagnostics, scene and expression errors, progress
/// problems and worked solutions are made of, with an entry in each language
/// (`EngineText+English.swift`, `EngineText+Russian.swift`).
///
/// The problem enums (`FormatProblem`, `SceneProblem`, `ExerciseProblem`, `ExpressionProblem`,
/// `ProgressProblem`) choose a key and fill its `{name}` arguments; values from the file arrive
/// already quoted and escaped (`MessageText`), numbers already written in the language.
/// Russian terms, one per concept: внимание, запрос/ключ/значение, голова внимания, маска, сцена,
/// шаг, упражнение, подсказка, управляющий элемент (control), представление (view), этап (stage).
/// YAML keys and op names stay as written, in quotes.
public enum EngineText: String, Catalog {
    // MARK: Shared words
    case errorWord
    case didYouMean
    case or
    case and
    case yes
    case no
    case nodeMapping
    case nodeList
    case nodeAlias
    case millions
    case billions
    case infinitelyMany
    case typeNumber
    case typeVector
    case typeMatrix
    case typeYesNo
    case typeToken
    // MARK: Subjects: what a message is about (Russian: nominative, then genitive)
    case subjectScene
    case subjectSceneGenitive
    case subjectFrontMatter
    case subjectFrontMatterGenitive
    case subjectExercisesBlock
    case subjectExercisesBlockGenitive
    case subjectAnswersFile
    case subjectAnswersFileGenitive
    case subjectStage
    case subjectStageGenitive
    case subjectView
    case subjectViewGenitive
    case subjectControl
    case subjectControlGenitive
    case subjectExercise
    case subjectExerciseGenitive
    case subjectInput
    case subjectInputGenitive
    case subjectParameter
    case subjectParameterGenitive
    case subjectAnswerTo
    case subjectAnswerToGenitive
    case subjectPin
    case subjectTensor
    case subjectTensorGenitive
    case subjectFieldOf
    case subjectEachItem
    case subjectEachItemGenitive
    case subjectEachRow
    case subjectEachRowGenitive
    case subjectEachSize
    case subjectEachSizeGenitive
    case subjectSizeOf
    case subjectSizeOfGenitive
    case subjectThisValue
    case subjectThisValueGenitive
    // MARK: The file and its structure
    case fileTooLarge
    case inputTooLarge
    case notUTF8
    case controlCharacter
    case cannotRead
    case noSuchFile
    case isFolder
    case isDevice
    case fileEmpty
    case noSteps
    case noFrontMatter
    case frontMatterUnclosed
    case frontMatterEmpty
    case noTitle
    case duplicateBlock
    case blockOutsideStep
    case headingWithoutTitle
    case blockNotClosedBefore
    case blockNeverClosed
    case codeBlockNeverClosed
    case sceneBlockEmpty
    case sceneTooLarge
    case sceneEmpty
    case stepNeedsLesson
    case formulaTooDeep
    // MARK: YAML
    case yamlTooDeep
    case yamlInvalid
    case yamlQuoteAdvice
    case yamlUnreadable
    case yamlTabs
    case yamlDuplicateKeys
    // MARK: Values of the wrong type
    case mustBeMapping
    case keysMustBeNames
    case unknownField
    case mustBeList
    case tooManyItems
    case mustBeSingleValue
    case mustBeNumber
    case mustBeWholeNumber
    case mustBeBool
    case dollarNeedsName
    case mustBeNumberOrParameter
    // MARK: Scenes and stages
    case noOp
    case unknownOp
    case tooManyTokens
    case builtInOptionInParams
    case noSuchInput
    case takesNoInputs
    case readsInputs
    case unusedOption
    case missingRequired
    case unknownTensor
    case keyTokensNotApplicable
    case unknownChoice
    case unknownView
    case viewNeedsKind
    case viewHasNoField
    case stagesEmpty
    case stagedTopLevelField
    case stageNeedsName
    case stageNameInvalid
    case duplicateStage
    case stageHasNoOp
    case stageReadsUnknown
    // MARK: Controls
    case controlNeedsParam
    case noParameterToControl
    case alreadyControlled
    case valuesEmpty
    case valueNotAChoice
    case valuesNotApplicable
    case controlNeedsRange
    case controlMinAboveMax
    case controlStepNotPositive
    case controlNeedsWholeNumbers
    case controlDefaultOutside
    case queryControlOffTokens
    // MARK: Tensors
    case tensorNeedsKind
    case tensorNeedsField
    case tensorNeedsShape
    case shapeSizeCount
    case unknownDistribution
    case tokenSideInvalid
    case tensorTooManyValues
    case rowLengthMismatch
    case tensorEmpty
    // MARK: Evaluating a scene
    case opCannotRun
    case needsTensor
    case rowsMismatch
    case sideTokens
    case sideQueryTokens
    case sideKeyTokens
    case sideTokensPerKey
    case maskRefused
    case temperatureNotPositive
    case unknownParameterForOp
    case parameterNotFinite
    case unknownParameterReference
    case wholeNumberOutOfRange
    case notFiniteNumber
    case takesWholeNumbers
    case beyondFloat
    case belowFloat
    case nanResult
    case infinityResult
    case tooManyValues
    case tooManyOperations
    case headOutside
    case viewShowsMissing
    case queryOutside
    case keyRowOutside
    case ropeViewNeedsRope
    case embedsMissingSide
    case onehotMissingSide
    case tensorTooLarge
    case parameterTakesNumber
    case notAChoice
    case takesAName
    case takesBool
    case takesBoolNumber
    case notAToken
    case takesAToken
    case takesANumber
    case isAList
    case mustBeFromOneTo
    case kvCacheShapes
    case stepOutside
    case followOutside
    case seedNegative
    case positionOutOfRange
    case unknownLessonParameter
    case stepScene
    case anySceneOfLesson
    case whenControlSets
    case sceneFailed
    // MARK: Exercises
    case exerciseNeedsField
    case idNotOneWord
    case idUsedTwice
    case unknownKind
    case answerInvalid
    case toleranceNegative
    case relativeOutOfRange
    case feedbackInvalid
    case exercisesNeedScene
    case inExercise
    case inSet
    case answerFails
    case answerChanges
    case answerCannotBeComputed
    case nearTie
    case tooCloseToMistake
    case mistakeOneMore
    case mistakeOneLess
    case mistakeTransposed
    case mistakeNeighbour
    case mistakeUnscaled
    case noWorkedSolution
    case solutionPlaceholder
    case answersTooLarge
    case answersEmpty
    case noSuchExercise
    // MARK: Answer expressions
    case exprUnexpectedAfter
    case exprLiteralAnswer
    case exprTooLong
    case exprNotANumber
    case exprDollarNeedsName
    case exprUnexpectedCharacter
    case exprExpected
    case exprTheEnd
    case exprNestedTooDeeply
    case exprEndsTooEarly
    case exprNeedsValueBefore
    case exprUnknownFunction
    case exprUnexpected
    case exprArity
    case exprHeadNeedsName
    case exprTokenIndexOutside
    case exprNeedsMatrix
    case exprRowOutside
    case exprColumnOutside
    case exprSoftmaxNeedsVector
    case exprSoftmaxEmpty
    case exprTwoNumbers
    case exprOfNothing
    case exprKindMismatch
    case exprTokenHint
    case exprNotTypeable
    case exprNoSuchTensor
    case exprPerHeadHint
    case exprUnknownParameter
    case exprWholeHead
    case exprWholeTokenIndex
    case exprWholeRow
    case exprWholeColumn
    case exprWholeIndex
    case exprExpectedYesNo
    case exprTokenNotNumber
    case exprTooManyIndices
    case exprIndexOutside
    case exprCannotCombine
    case exprWithPins
    // MARK: Worked solutions
    case wsCannotCompute
    case wsWith
    case wsAnswerUnavailable
    case wsAnswer
    case wsFullyMasked
    case wsSoftmaxRow
    case wsOverTemperature
    case wsExpOfEach
    case wsMaskedGetNothing
    case wsSum
    case wsWeightOf
    case wsProducts
    case wsRowOf
    case wsEntries
    case wsWeightedSum
    case wsZeroWeights
    case wsLargest
    case wsSmallest
    case wsPosition
    case wsLargestAt
    case wsSmallestAt
    case wsTiesGoFirst
    case wsCountingEntries
    case wsCounts
    case wsCountOf
    // MARK: Grading reports
    case gradeRight
    case gradeWrong
    case gradeMissing
    case gradeUnreadable
    case gradeNoAnswer
    case gradeSceneCannotBeComputed
    case gradeStudent
    case gradeSeed
    case gradeExpected
    case gradeSummary
    // MARK: Progress
    case progressTooLarge
    case progressCannotBeRead
    case progressNestedTooDeeply
    case progressNotJSON
    case progressNotJSONObject
    case progressBadVersion
    case progressExerciseIDEmpty
    case progressRecordNotObject
    case progressSolvedNotBool
    case progressCountNotWhole
    case progressStepsSeenNotObject
    case progressStepsNotList
    case progressStepNotWhole
    case progressCannotCreateDirectory
    case progressNotWritableBecause
    case progressNotWritable
    case progressCannotLock
    case progressNewerVersion
    case progressCannotMoveAside
    case progressCannotSetAside
    case progressCannotSaveTo
    case progressCannotSave
    case progressFileUnreadableLeft, progressFileUnreadableMoved, progressRecordsUnreadableLeft, progressRecordsSetAside, progressRecordsKept
    case modelLayerOutside, modelGenerateRange, modelDoesNotGenerate, modelSentenceEmpty, modelNotInstalled, modelFailed, modelNotInstalledNote

    public static func entries(_ language: Language) -> [EngineText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }
}
