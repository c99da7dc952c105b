import ArgumentParser
import Foundation
import LessonEngine

/// `--lessons DIR`, shared by every command that reads lessons.
struct LessonDirectoryOption: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(say(.lessonsFolderHelp)))
    var directory: String?

    /// The first of: --lessons, $ATTN_LESSONS, ./Lessons, Lessons/ found upwards from the executable.
    func resolve() throws -> URL {
        if let directory { return try existingDirectory(directory, from: "--lessons") }
        if let env = ProcessInfo.processInfo.environment["ATTN_LESSONS"], !env.isEmpty {
            return try existingDirectory(env, from: "ATTN_LESSONS")
        }
        let fm = FileManager.default
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("Lessons")
        if isDirectory(cwd) { return cwd }
        // A built binary sits in <checkout>/.build/<config>/attn: look upwards for Lessons/.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = dir.appendingPathComponent("Lessons")
            if isDirectory(candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        throw CommandFailure(say(.noLessonsFolder))
    }

    private func existingDirectory(_ path: String, from source: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        guard isDirectory(url) else { throw ValidationError(say(.notAFolder, ["source": source, "path": path])) }
        return url
    }
}

func isDirectory(_ url: URL) -> Bool {
    var dir: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &dir) && dir.boolValue
}

/// Every lesson in a folder, in course order, with the problems found while parsing.
struct LessonLibrary {
    var lessons: [Lesson]
    var diagnostics: [LessonDiagnostic]

    init(directory: URL) {
        var lessons: [Lesson] = [], diagnostics: [LessonDiagnostic] = []
        for url in lessonFiles(in: directory) {
            let (lesson, problems) = loadLesson(at: url)
            if let lesson { lessons.append(lesson) }
            diagnostics += problems
        }
        self.lessons = lessons.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        self.diagnostics = diagnostics
    }

    /// The lesson named by id (`soft-read`), number (`3`), file name, or a path to a lesson file.
    static func find(_ name: String, in option: LessonDirectoryOption) throws -> Lesson {
        if name.hasSuffix(".md") || name.contains("/") {
            let url = URL(fileURLWithPath: name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure(say(.noLessonFile, ["name": name])) }
            let (lesson, problems) = loadLesson(at: url)
            guard let lesson else {
                throw CommandFailure(problems)
            }
            return lesson
        }
        let library = LessonLibrary(directory: try option.resolve())
        if let lesson = library.lessons.first(where: { $0.id == name || String($0.order) == name || "0\($0.order)" == name }) {
            return lesson
        }
        let known = library.lessons.map(\.id).joined(separator: ", ")
        throw CommandFailure(say(.noSuchLesson, ["name": name, "known": known]))
    }
}
