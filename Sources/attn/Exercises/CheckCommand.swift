import ArgumentParser
import Foundation
import LessonEngine

/// `attn check LESSON --answers FILE`: grade answers without the explorer.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade an answers file (YAML or JSON keyed by exercise id) against a lesson.",
        discussion: """
            Prints a line per exercise and a summary line, or a report with --format json|junit. \
            Exits non-zero when any answer is wrong or missing. Answers are checked against the \
            numbers of the variant given by --seed or --student.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, junit }

    @Argument(help: "A lesson id (e.g. soft-read), number, or file.")
    var lesson: String

    @Option(help: "The answers file.")
    var answers: String

    @Option(help: "Report format: text, json or junit.")
    var format: Format = .text

    @OptionGroup var variant: VariantOption
    @OptionGroup var location: LessonDirectoryOption

    func run() throws {
        let lesson = try LessonLibrary.find(self.lesson, in: location)
        let url = URL(fileURLWithPath: answers)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CommandFailure("\(answers): cannot read the answers file")
        }
        guard let source = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(answers):1:1: error: the answers file is not UTF-8 text")
        }
        let (given, problems) = parseAnswers(source: source, file: answers)
        guard problems.isEmpty else { throw CommandFailure(problems) }
        let results = gradeLesson(lesson, answers: given, seed: variant.variantSeed)
        switch format {
        case .text: print(gradeReportText(results, lessonID: lesson.id))
        case .json: print(gradeReportJSON(results, lessonID: lesson.id))
        case .junit: print(gradeReportJUnit(results, lessonID: lesson.id))
        }
        if results.isEmpty || results.contains(where: { $0.status != .right }) { throw ExitCode(1) }
    }
}
