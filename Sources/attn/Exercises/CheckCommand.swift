import ArgumentParser
import Foundation
import LessonEngine

/// `attn check LESSON --answers FILE`: grade answers without the explorer.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: say(.checkAbstract),
        discussion: say(.checkDiscussion))

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    @Argument(help: ArgumentHelp(say(.lessonArgumentHelp, ["example": "soft-read"])))
    var lesson: String

    @Option(help: ArgumentHelp(say(.checkAnswersHelp)))
    var answers: String

    @Option(help: ArgumentHelp(say(.checkFormatHelp)))
    var format: Format = .text

    @Option(help: ArgumentHelp(say(.checkFeedbackHelp)))
    var feedback: FeedbackChoice?

    @OptionGroup var variant: VariantOption
    @OptionGroup var lang: LanguageOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let lesson: Lesson
        let given: [String: String]
        do {
            lesson = try LessonLibrary.find(self.lesson, in: location)
            given = try readAnswers(for: lesson)
        } catch let failure as CommandFailure {
            // Nothing could be graded: exit 2, so a script tells it from a wrong answer (1).
            printError(failure.description)
            throw ExitCode(2)
        }
        let header = GradeHeader(lessonID: lesson.id, student: variant.student, seed: variant.variantSeed, feedback: feedback?.value ?? .full)
        let results = gradeLesson(lesson, answers: given, seed: variant.variantSeed, feedback: feedback?.value)
        switch format {
        case .text: print(gradeReportText(results, header: header, language: lang.language))
        case .json: print(gradeReportJSON(results, header: header))
        case .junit: print(gradeReportJUnit(results, header: header))
        }
        if results.isEmpty || results.contains(where: { $0.status != .right }) { throw ExitCode(1) }
    }

    private func readAnswers(for lesson: Lesson) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: answers) else {
            throw CommandFailure(CommandText.cannotReadAnswers.text(lang.language, ["file": answers]))
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw CommandFailure(CommandText.answersNotUTF8.text(lang.language, ["file": answers]))
        }
        let (given, problems) = parseAnswers(source: source, file: answers, knownIDs: exerciseIDs(lesson))
        guard problems.isEmpty else { throw CommandFailure(problems) }
        return given
    }
}

/// `--feedback full|none`.
enum FeedbackChoice: String, ExpressibleByArgument, CaseIterable {
    case full, none
    var value: ExerciseFeedback { self == .full ? .full : .none }
}
