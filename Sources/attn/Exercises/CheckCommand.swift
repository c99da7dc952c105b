import ArgumentParser
import Foundation
import LessonEngine

/// `attn check LESSON --answers FILE`: grade answers without the explorer.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade an answers file (YAML or JSON keyed by exercise id) against a lesson.",
        discussion: """
            Prints a line per exercise and a summary line, or a report with --format json|junit \
            that names the student and seed and gives each given and expected answer. Answers are \
            checked against the numbers of the variant given by --seed or --student. \
            Exit status: 0 when every answer is right, 1 when any is wrong or missing, 2 when the \
            answers file or the lesson cannot be read.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    @Argument(help: "A lesson id (e.g. soft-read), number, or file.")
    var lesson: String

    @Option(help: "The answers file.")
    var answers: String

    @Option(help: "Report format: text, json or junit.")
    var format: Format = .text

    @Option(help: "full: a wrong number gets its direction and a wrong vector its wrong entries; none: right or wrong only, and no expected answers in the text report (for homework).")
    var feedback: FeedbackChoice?

    @OptionGroup var variant: VariantOption
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
        case .text: print(gradeReportText(results, header: header))
        case .json: print(gradeReportJSON(results, header: header))
        case .junit: print(gradeReportJUnit(results, header: header))
        }
        if results.isEmpty || results.contains(where: { $0.status != .right }) { throw ExitCode(1) }
    }

    private func readAnswers(for lesson: Lesson) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: answers) else {
            throw CommandFailure("\(answers): cannot read the answers file")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(answers):1:1: error: the answers file is not UTF-8 text")
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
