import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a learner has done on one exercise.
public struct ExerciseProgress: Codable, Sendable, Equatable {
    public var solved: Bool = false
    /// Answers checked (unreadable input does not count).
    public var tries: Int = 0
    /// Hints revealed.
    public var hintsUsed: Int = 0

    public init(solved: Bool = false, tries: Int = 0, hintsUsed: Int = 0) {
        self.solved = solved
        self.tries = tries
        self.hintsUsed = hintsUsed
    }
}

/// The whole progress file: lesson id → exercise id → progress, and lesson id → steps seen.
///
/// `stepsSeen` came after the first files were written. It is a key of its own beside
/// `lessons`, not an entry inside it, so a file without it reads as "nothing seen yet" and an
/// older attn, which reads only `version` and `lessons`, still reads and saves answers (it
/// drops the seen steps when it saves, which costs the list's counts, never an answer). The
/// format version stays 1 for that reason: a newer version would make older attns refuse to save.
public struct ProgressData: Codable, Sendable, Equatable {
    public var version: Int = 1
    public var lessons: [String: [String: ExerciseProgress]] = [:]
    /// The steps seen per lesson id: indices from 0, ascending, each once.
    public var stepsSeen: [String: [Int]] = [:]
    public init() {}
}

/// Why progress could not be read or saved, in a sentence for the learner.
public struct ProgressError: Error, Sendable, Equatable, CustomStringConvertible, Localizable {
    /// What is wrong, as a value.
    public var problem: ProgressProblem

    public init(_ problem: ProgressProblem) {
        self.problem = problem
    }

    /// An error with a fixed sentence, the same in every language.
    public init(message: String) {
        self.init(.verbatim(message))
    }

    /// The English sentence; setting it replaces the problem with that sentence.
    public var message: String {
        get { problem.text(.en) }
        set { problem = .verbatim(newValue) }
    }

    /// The sentence in `language`.
    public func text(_ language: Language) -> String { problem.text(language) }

    public var description: String { message }
}

/// Saved progress in `$XDG_STATE_HOME/attn/progress.json` (default `~/.local/state/attn/`).
///
/// Every change is a read-modify-write under an exclusive `flock` on `progress.lock`, so two
/// explorers (or an explorer and `attn check`) never lose each other's answers; the file is
/// written to a temporary file and renamed over the old one, so a crash leaves either the old
/// or the new file, never half of one, and a temporary file left by a writer that was killed is
/// removed by the next write.
///
/// Damage costs only what it touches (see `ProgressDecoding`): every readable record is kept,
/// and only what cannot be read is set aside, in `progress.json.unreadable-<timestamp>` beside
/// the file (a whole file that is not JSON is moved to `progress.json.corrupt-<timestamp>`),
/// with a message that names where it went. A file of a newer format version is read but never
/// rewritten. `inspect()` only reads, for `attn progress`: it creates, locks and moves nothing.
public struct ProgressStore: Sendable {
    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent("progress.json") }
    var lockURL: URL { directory.appendingPathComponent("progress.lock") }
    /// Larger than any learner's progress (a few KB); bigger files are not read.
    static let maximumBytes = 8 << 20

    public init(directory: URL) {
        self.directory = directory
    }

    /// `$XDG_STATE_HOME/attn`, else `~/.local/state/attn` (XDG base directory spec).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("attn")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/attn")
    }

    /// The saved progress, and a warning when something had to be set aside.
    ///
    /// A directory that exists but cannot be written (a read-only state directory) is still
    /// readable: the file is read as `inspect()` reads it.
    public func load() throws -> (data: ProgressData, warning: ProgressWarning?) {
        if FileManager.default.fileExists(atPath: directory.path), !FileManager.default.isWritableFile(atPath: directory.path) {
            return inspect()
        }
        return try withLock { try read(forWriting: false) }
    }

    /// The saved progress without changing anything on disk: no directory, lock or side file is
    /// created and nothing is moved. The message says what is unreadable and what the next
    /// save will do about it.
    public func inspect() -> (data: ProgressData, warning: ProgressWarning?) {
        let path = fileURL.path
        guard FileManager.default.fileExists(atPath: path) else { return (ProgressData(), nil) }
        switch decodeFile() {
        case .failure(let problem):
            return (ProgressData(), .fileUnreadableLeft(path: path, problem: problem.problem))
        case .success(let (data, unreadable, version)):
            if version > ProgressDecoding.currentVersion {
                return (data, newerVersionWarning(version))
            }
            guard !unreadable.isEmpty else { return (data, nil) }
            return (data, .recordsUnreadableLeft(path: path, count: unreadable.count, records: describe(unreadable)))
        }
    }

    /// Changes one exercise's record under the lock and saves; returns the new record.
    @discardableResult
    public func update(lesson: String, exercise: String, _ change: (inout ExerciseProgress) -> Void) throws -> (progress: ExerciseProgress, warning: ProgressWarning?) {
        try withLock {
            var (data, warning) = try read(forWriting: true)
            var record = data.lessons[lesson]?[exercise] ?? ExerciseProgress()
            change(&record)
            data.lessons[lesson, default: [:]][exercise] = record
            try write(data)
            return (record, warning)
        }
    }

    /// Records `steps` of `lesson` as seen, under the lock, and saves when that adds any; returns
    /// every step of the lesson seen so far (by this explorer or another one).
    @discardableResult
    public func markSeen(lesson: String, steps: [Int]) throws -> (steps: [Int], warning: ProgressWarning?) {
        try withLock {
            var (data, warning) = try read(forWriting: true)
            let before = data.stepsSeen[lesson] ?? []
            let seen = Array(Set(before).union(steps.filter { (0...ProgressDecoding.maximumStep).contains($0) })).sorted()
            if seen != before {
                data.stepsSeen[lesson] = seen
                try write(data)
            }
            return (seen, warning)
        }
    }

    /// Clears one lesson's progress (answers and steps seen), or everything when `lesson` is nil.
    public func reset(lesson: String? = nil) throws {
        try withLock {
            var (data, _) = try read(forWriting: true)
            if let lesson {
                data.lessons[lesson] = nil
                data.stepsSeen[lesson] = nil
            } else {
                data.lessons = [:]
                data.stepsSeen = [:]
            }
            try write(data)
        }
    }

    // MARK: - Reading

    /// The file decoded record by record, or why nothing in it can be read.
    private func decodeFile() -> Result<(ProgressData, [ProgressDecoding.Unreadable], Int), ProgressError> {
        let path = fileURL.path
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > Self.maximumBytes {
            return .failure(ProgressError(.fileTooLarge(size: size, limit: Self.maximumBytes)))
        }
        guard let bytes = FileManager.default.contents(atPath: path) else { return .failure(ProgressError(.fileCannotBeRead)) }
        if jsonDepth(bytes) > 32 { return .failure(ProgressError(.fileNestedTooDeeply)) }
        switch ProgressDecoding.decode(bytes) {
        case .unreadable(let why): return .failure(ProgressError(why.problem))
        case .read(let data, let unreadable, let version): return .success((data, unreadable, version))
        }
    }

    private func newerVersionWarning(_ version: Int) -> ProgressWarning {
        .newerVersion(path: fileURL.path, version: version, current: ProgressDecoding.currentVersion)
    }

    /// `lesson 'a', exercise 'b': 'tries' is …; …; +2`: the first three damaged records.
    private func describe(_ unreadable: [ProgressDecoding.Unreadable]) -> String {
        let shown = unreadable.prefix(3).map(\.description).joined(separator: "; ")
        return shown + (unreadable.count > 3 ? "; +\(unreadable.count - 3)" : "")
    }

    // MARK: - Under the lock

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProgressError(.cannotCreateDirectory(path: directory.path, reason: error.localizedDescription))
        }
        let fd = open(lockURL.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ProgressError(.notWritable(path: directory.path, reason: String(cString: strerror(errno))))
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProgressError(.cannotLock(path: lockURL.path, reason: String(cString: strerror(errno)))) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Reads under the lock, setting aside what cannot be read (and saying where it went).
    /// A newer format is read as it is, and refused when the caller means to write.
    private func read(forWriting: Bool) throws -> (ProgressData, ProgressWarning?) {
        let path = fileURL.path
        guard FileManager.default.fileExists(atPath: path) else { return (ProgressData(), nil) }
        switch decodeFile() {
        case .success(let (data, unreadable, version)):
            if version > ProgressDecoding.currentVersion {
                if forWriting { throw ProgressError(.newerVersion(path: fileURL.path, version: version, current: ProgressDecoding.currentVersion)) }
                return (data, newerVersionWarning(version))
            }
            guard !unreadable.isEmpty else { return (data, nil) }
            let side = try setAside(unreadable)
            // The readable records are written back at once, so the same damage is reported once.
            try write(data)
            let kept = data.lessons.values.reduce(0) { $0 + $1.count }
            return (data, .recordsSetAside(path: path, count: unreadable.count, records: describe(unreadable), side: side.path, kept: kept))
        case .failure(let problem):
            // Moved aside, not overwritten: the learner (or a support request) may still need it.
            let aside = freeName("progress.json.corrupt")
            do {
                try FileManager.default.moveItem(at: fileURL, to: aside)
            } catch {
                throw ProgressError(.cannotMoveAside(path: path, problem: problem.problem, reason: error.localizedDescription))
            }
            return (ProgressData(), .fileUnreadableMoved(path: path, problem: problem.problem, aside: aside.path))
        }
    }

    /// Writes the unreadable pieces, as found, to a new side file; returns its URL.
    private func setAside(_ unreadable: [ProgressDecoding.Unreadable]) throws -> URL {
        struct Entry: Encodable {
            var lesson: String?
            var exercise: String?
            var reason: String
            var record: JSONValue
        }
        struct SideFile: Encodable {
            var from: String
            var setAside: [Entry]
        }
        let side = freeName("progress.json.unreadable")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let file = SideFile(from: fileURL.path, setAside: unreadable.map { Entry(lesson: $0.lesson, exercise: $0.exercise, reason: $0.reason, record: $0.value) })
        guard let bytes = try? encoder.encode(file), FileManager.default.createFile(atPath: side.path, contents: bytes) else {
            throw ProgressError(.cannotSetAside(path: fileURL.path, side: side.path))
        }
        return side
    }

    /// `<prefix>-<timestamp>`, or with `-1`, `-2`, … when that exists.
    private func freeName(_ prefix: String) -> URL {
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var url = directory.appendingPathComponent("\(prefix)-\(stamp)")
        var n = 1
        while FileManager.default.fileExists(atPath: url.path) {
            url = directory.appendingPathComponent("\(prefix)-\(stamp)-\(n)")
            n += 1
        }
        return url
    }

    /// Temporary files are `.progress.json.tmp-<pid>`; under the lock no other writer is
    /// between creating and renaming one, so any that exists was left by a writer that died.
    static let temporaryPrefix = ".progress.json.tmp-"

    private func removeStaleTemporaryFiles() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(Self.temporaryPrefix) {
            unlink(directory.appendingPathComponent(name).path)
        }
    }

    private func write(_ data: ProgressData) throws {
        removeStaleTemporaryFiles()
        var data = data
        data.version = ProgressDecoding.currentVersion
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temp = directory.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())")
        do {
            let bytes = try encoder.encode(data)
            guard FileManager.default.createFile(atPath: temp.path, contents: bytes) else {
                throw ProgressError(.notWritable(path: directory.path, reason: nil))
            }
            // rename(2) replaces the old file in one step: readers see the old or the new file.
            guard rename(temp.path, fileURL.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temp.path)
                throw ProgressError(.cannotSaveTo(path: fileURL.path, reason: reason))
            }
        } catch let e as ProgressError {
            throw e
        } catch {
            throw ProgressError(.cannotSave(reason: error.localizedDescription))
        }
    }
}

/// The deepest nesting of `[` and `{` outside strings: JSON decoders recurse once per level.
private func jsonDepth(_ bytes: Data) -> Int {
    var depth = 0, deepest = 0
    var inString = false, escaped = false
    for b in bytes {
        if inString {
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            continue
        }
        switch b {
        case UInt8(ascii: "\""): inString = true
        case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
        case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
        default: break
        }
    }
    return deepest
}
