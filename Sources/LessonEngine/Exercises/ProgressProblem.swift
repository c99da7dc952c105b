/// Why progress could not be read or saved, as a value. Carried by `ProgressError`.
public indirect enum ProgressProblem: Localizable, Hashable {
    // The file as a whole; each reads as the end of a sentence about the file (`… is not JSON`).
    case fileTooLarge(size: Int, limit: Int)
    case fileCannotBeRead
    case fileNestedTooDeeply
    case notJSON
    case notJSONObject
    case badVersion

    // One record
    case exerciseIDEmpty
    case recordNotObject
    case solvedNotBool
    case countNotWhole(field: String, maximum: Int)
    // The steps seen per lesson
    case stepsSeenNotObject
    case stepsNotList
    case stepNotWhole(maximum: Int)

    // Saving
    case cannotCreateDirectory(path: String, reason: String)
    /// `reason` is the operating system's words, when it gave any.
    case notWritable(path: String, reason: String?)
    case cannotLock(path: String, reason: String)
    case newerVersion(path: String, version: Int, current: Int)
    /// A file nothing could be read from, which could not be moved aside either.
    case cannotMoveAside(path: String, problem: ProgressProblem, reason: String)
    case cannotSetAside(path: String, side: String)
    case cannotSaveTo(path: String, reason: String)
    case cannotSave(reason: String)
    /// A sentence from outside the catalog, the same in every language.
    case verbatim(String)

    /// The file-level problems, for `cannotMoveAside`.
    public enum FileReason: Sendable, Hashable {
        case tooLarge(size: Int, limit: Int), cannotBeRead, nestedTooDeeply, notJSON, notJSONObject, badVersion

        var problem: ProgressProblem {
            switch self {
            case let .tooLarge(size, limit): return .fileTooLarge(size: size, limit: limit)
            case .cannotBeRead: return .fileCannotBeRead
            case .nestedTooDeeply: return .fileNestedTooDeeply
            case .notJSON: return .notJSON
            case .notJSONObject: return .notJSONObject
            case .badVersion: return .badVersion
            }
        }
    }

    public func text(_ language: Language) -> String {
        func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        switch self {
        case let .fileTooLarge(size, limit): return t(.progressTooLarge, ["size": "\(size)", "limit": "\(limit)"])
        case .fileCannotBeRead: return t(.progressCannotBeRead)
        case .fileNestedTooDeeply: return t(.progressNestedTooDeeply)
        case .notJSON: return t(.progressNotJSON)
        case .notJSONObject: return t(.progressNotJSONObject)
        case .badVersion: return t(.progressBadVersion)
        case .exerciseIDEmpty: return t(.progressExerciseIDEmpty)
        case .recordNotObject: return t(.progressRecordNotObject)
        case .solvedNotBool: return t(.progressSolvedNotBool)
        case let .countNotWhole(field, maximum): return t(.progressCountNotWhole, ["field": field, "maximum": "\(maximum)"])
        case .stepsSeenNotObject: return t(.progressStepsSeenNotObject)
        case .stepsNotList: return t(.progressStepsNotList)
        case .stepNotWhole(let maximum): return t(.progressStepNotWhole, ["maximum": "\(maximum)"])
        case let .cannotCreateDirectory(path, reason): return t(.progressCannotCreateDirectory, ["path": path, "reason": reason])
        case let .notWritable(path, reason):
            return reason.map { t(.progressNotWritableBecause, ["path": path, "reason": $0]) } ?? t(.progressNotWritable, ["path": path])
        case let .cannotLock(path, reason): return t(.progressCannotLock, ["path": path, "reason": reason])
        case let .newerVersion(path, version, current):
            return t(.progressNewerVersion, ["path": path, "version": "\(version)", "current": "\(current)"])
        case let .cannotMoveAside(path, problem, reason):
            return t(.progressCannotMoveAside, ["path": path, "problem": problem.text(language), "reason": reason])
        case let .cannotSetAside(path, side): return t(.progressCannotSetAside, ["path": path, "side": side])
        case let .cannotSaveTo(path, reason): return t(.progressCannotSaveTo, ["path": path, "reason": reason])
        case .cannotSave(let reason): return t(.progressCannotSave, ["reason": reason])
        case .verbatim(let s): return s
        }
    }
}
