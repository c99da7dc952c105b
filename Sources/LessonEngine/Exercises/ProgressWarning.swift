/// What the progress store had to do about a damaged or newer progress file, as a value: the
/// explorer and `attn progress` say it in the learner's language. `records` is the damaged
/// records as found (lesson, exercise and why), which stays as the file wrote it.
public enum ProgressWarning: Localizable, Equatable, CustomStringConvertible {
    /// Nothing in the file can be read; it was left as it is (read-only look).
    case fileUnreadableLeft(path: String, problem: ProgressProblem)
    /// Nothing in the file can be read; it was moved to `aside` and progress starts afresh.
    case fileUnreadableMoved(path: String, problem: ProgressProblem, aside: String)
    /// Some records cannot be read; they were left as they are (read-only look).
    case recordsUnreadableLeft(path: String, count: Int, records: String)
    /// Some records cannot be read; they were set aside in `side`, the other `kept` are kept.
    case recordsSetAside(path: String, count: Int, records: String, side: String, kept: Int)
    /// The file was written by a newer attn: read as it is, not written.
    case newerVersion(path: String, version: Int, current: Int)

    public func text(_ language: Language) -> String {
        switch self {
        case let .fileUnreadableLeft(path, problem):
            return EngineText.progressFileUnreadableLeft.text(language, ["path": path, "problem": problem.text(language)])
        case let .fileUnreadableMoved(path, problem, aside):
            return EngineText.progressFileUnreadableMoved.text(language, ["path": path, "problem": problem.text(language), "aside": aside])
        case let .recordsUnreadableLeft(path, count, records):
            return EngineText.progressRecordsUnreadableLeft.counted(count, language, ["path": path, "records": records])
        case let .recordsSetAside(path, count, records, side, kept):
            return EngineText.progressRecordsSetAside.counted(count, language, ["path": path, "records": records, "side": side])
                + EngineText.progressRecordsKept.counted(kept, language)
        case let .newerVersion(path, version, current):
            return ProgressProblem.newerVersion(path: path, version: version, current: current).text(language)
        }
    }

    /// The warning in English.
    public var description: String { text(.en) }
}
