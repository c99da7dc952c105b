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

/// The whole progress file: lesson id → exercise id → progress.
public struct ProgressData: Codable, Sendable, Equatable {
    public var version: Int = 1
    public var lessons: [String: [String: ExerciseProgress]] = [:]
    public init() {}
}

/// Why progress could not be read or saved, in a sentence for the learner.
public struct ProgressError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Saved progress in `$XDG_STATE_HOME/attn/progress.json` (default `~/.local/state/attn/`).
///
/// Every change is a read-modify-write under an exclusive `flock` on `progress.lock`, so two
/// explorers (or an explorer and `attn check`) never lose each other's answers; the file is
/// written to a temporary file and renamed over the old one, so a crash leaves either the old
/// or the new file, never half of one. A file that cannot be parsed is moved aside to
/// `progress.json.corrupt-<timestamp>` and reported, never silently overwritten.
public struct ProgressStore: Sendable {
    public let directory: URL
    public var fileURL: URL { directory.appendingPathComponent("progress.json") }
    var lockURL: URL { directory.appendingPathComponent("progress.lock") }

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

    /// The saved progress, and a warning when a corrupt file had to be moved aside.
    ///
    /// A directory that exists but cannot be written (a read-only state directory) is still
    /// readable: the file is read without the lock, and a corrupt one is reported, not moved.
    public func load() throws -> (data: ProgressData, warning: String?) {
        if FileManager.default.fileExists(atPath: directory.path), !FileManager.default.isWritableFile(atPath: directory.path) {
            guard let bytes = FileManager.default.contents(atPath: fileURL.path) else { return (ProgressData(), nil) }
            guard let data = try? JSONDecoder().decode(ProgressData.self, from: bytes) else {
                return (ProgressData(), "\(fileURL.path) is not valid progress JSON (left as it is: the directory is read-only)")
            }
            return (data, nil)
        }
        return try withLock { try read() }
    }

    /// Changes one exercise's record under the lock and saves; returns the new record.
    @discardableResult
    public func update(lesson: String, exercise: String, _ change: (inout ExerciseProgress) -> Void) throws -> (progress: ExerciseProgress, warning: String?) {
        try withLock {
            var (data, warning) = try read()
            var record = data.lessons[lesson]?[exercise] ?? ExerciseProgress()
            change(&record)
            data.lessons[lesson, default: [:]][exercise] = record
            try write(data)
            return (record, warning)
        }
    }

    /// Clears one lesson's progress, or everything when `lesson` is nil.
    public func reset(lesson: String? = nil) throws {
        try withLock {
            var (data, _) = try read()
            if let lesson { data.lessons[lesson] = nil } else { data.lessons = [:] }
            try write(data)
        }
    }

    // MARK: - Under the lock

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ProgressError(message: "cannot save progress: the directory \(directory.path) cannot be created (\(error.localizedDescription))")
        }
        let fd = open(lockURL.path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ProgressError(message: "cannot save progress: \(directory.path) is not writable (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw ProgressError(message: "cannot lock \(lockURL.path): \(String(cString: strerror(errno)))") }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func read() throws -> (ProgressData, String?) {
        let path = fileURL.path
        guard FileManager.default.fileExists(atPath: path) else { return (ProgressData(), nil) }
        let problem: String
        if let bytes = FileManager.default.contents(atPath: path) {
            do {
                return (try JSONDecoder().decode(ProgressData.self, from: bytes), nil)
            } catch {
                problem = "is not valid progress JSON"
            }
        } else {
            problem = "cannot be read"
        }
        // Moved aside, not overwritten: the learner (or a support request) may still need it.
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var aside = directory.appendingPathComponent("progress.json.corrupt-\(stamp)")
        var n = 1
        while FileManager.default.fileExists(atPath: aside.path) {
            aside = directory.appendingPathComponent("progress.json.corrupt-\(stamp)-\(n)")
            n += 1
        }
        do {
            try FileManager.default.moveItem(at: fileURL, to: aside)
        } catch {
            throw ProgressError(message: "\(path) \(problem) and could not be moved aside: \(error.localizedDescription)")
        }
        return (ProgressData(), "\(path) \(problem); it was moved to \(aside.path) and progress starts afresh")
    }

    private func write(_ data: ProgressData) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temp = directory.appendingPathComponent(".progress.json.tmp-\(getpid())")
        do {
            let bytes = try encoder.encode(data)
            guard FileManager.default.createFile(atPath: temp.path, contents: bytes) else {
                throw ProgressError(message: "cannot save progress: \(directory.path) is not writable")
            }
            // rename(2) replaces the old file in one step: readers see the old or the new file.
            guard rename(temp.path, fileURL.path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temp.path)
                throw ProgressError(message: "cannot save progress to \(fileURL.path): \(reason)")
            }
        } catch let e as ProgressError {
            throw e
        } catch {
            throw ProgressError(message: "cannot save progress: \(error.localizedDescription)")
        }
    }
}
