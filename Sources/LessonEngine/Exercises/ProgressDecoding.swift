import Foundation

/// Reading a progress file record by record, so one damaged record costs only itself.
///
/// The file is `{"version": 1, "lessons": {lesson: {exercise: {"solved", "tries", "hintsUsed"}}},
/// "stepsSeen": {lesson: [step, …]}}`; `stepsSeen` may be missing (files written before it).
/// A record whose fields are missing keeps the defaults for them (unsolved, 0 tries, 0 hints); a
/// record with a field of the wrong type or out of range, a lesson that is not an object, or an
/// empty id cannot be read and is set aside with the reason. Text that is not JSON, or not an
/// object, cannot be read at all.
enum ProgressDecoding {
    /// The format this attn writes, and the newest it understands.
    static let currentVersion = 1
    /// Tries and hints above this are not a learner's, they are damage.
    static let maximumCount = 1_000_000
    /// A step index above this is damage: a lesson file has far fewer steps.
    static let maximumStep = 10_000

    /// One piece that could not be read: where it was, why, and its JSON as found.
    struct Unreadable: Equatable {
        var lesson: String? = nil
        var exercise: String? = nil
        var reason: String
        var value: JSONValue

        /// `lesson 'x', exercise 'y': 'tries' is …`
        var description: String {
            let place = [lesson.map { "lesson '\($0)'" }, exercise.map { "exercise '\($0)'" }].compactMap { $0 }.joined(separator: ", ")
            return place.isEmpty ? reason : "\(place): \(reason)"
        }
    }

    enum Outcome {
        /// The readable records, what was set aside, and the file's format version.
        case read(ProgressData, unreadable: [Unreadable], version: Int)
        /// Nothing can be read: the reason, as the end of a sentence about the file.
        case unreadable(ProgressProblem.FileReason)
    }

    static func decode(_ bytes: Data) -> Outcome {
        guard let root = try? JSONDecoder().decode(JSONValue.self, from: bytes) else { return .unreadable(.notJSON) }
        guard case .object(let object) = root else { return .unreadable(.notJSONObject) }
        var version = currentVersion
        if let v = object["version"] {
            guard let n = v.wholeNumber, n >= 1 else { return .unreadable(.badVersion) }
            version = n
        }
        var data = ProgressData()
        var unreadable: [Unreadable] = []
        if let lessonsValue = object["lessons"] { decodeLessons(lessonsValue, into: &data, unreadable: &unreadable) }
        if let seenValue = object["stepsSeen"] { decodeStepsSeen(seenValue, into: &data, unreadable: &unreadable) }
        return .read(data, unreadable: unreadable, version: version)
    }

    private static func decodeLessons(_ lessonsValue: JSONValue, into data: inout ProgressData, unreadable: inout [Unreadable]) {
        guard case .object(let lessons) = lessonsValue else {
            unreadable.append(Unreadable(reason: "'lessons' is not an object", value: lessonsValue))
            return
        }
        for (lesson, exercisesValue) in lessons.sorted(by: { $0.key < $1.key }) {
            guard !lesson.isEmpty, case .object(let exercises) = exercisesValue else {
                unreadable.append(Unreadable(lesson: lesson, reason: lesson.isEmpty ? "the lesson id is empty" : "it is not an object", value: exercisesValue))
                continue
            }
            for (exercise, recordValue) in exercises.sorted(by: { $0.key < $1.key }) {
                switch record(recordValue, exercise: exercise) {
                case .success(let progress): data.lessons[lesson, default: [:]][exercise] = progress
                case .failure(let problem):
                    unreadable.append(Unreadable(lesson: lesson, exercise: exercise, reason: problem.message, value: recordValue))
                }
            }
        }
    }

    /// `"stepsSeen": {lesson: [0, 1, 3]}`. A step that is not a whole number in range is set
    /// aside on its own; the lesson's other steps are kept.
    private static func decodeStepsSeen(_ value: JSONValue, into data: inout ProgressData, unreadable: inout [Unreadable]) {
        guard case .object(let lessons) = value else {
            unreadable.append(Unreadable(reason: ProgressError(.stepsSeenNotObject).message, value: value))
            return
        }
        for (lesson, stepsValue) in lessons.sorted(by: { $0.key < $1.key }) {
            guard !lesson.isEmpty, case .array(let items) = stepsValue else {
                unreadable.append(Unreadable(lesson: lesson, reason: lesson.isEmpty ? "the lesson id is empty" : ProgressError(.stepsNotList).message, value: stepsValue))
                continue
            }
            var steps = Set<Int>()
            var bad: [JSONValue] = []
            for item in items {
                if let n = item.wholeNumber, (0...maximumStep).contains(n) { steps.insert(n) } else { bad.append(item) }
            }
            if !steps.isEmpty { data.stepsSeen[lesson] = steps.sorted() }
            if !bad.isEmpty {
                unreadable.append(Unreadable(lesson: lesson, reason: ProgressError(.stepNotWhole(maximum: maximumStep)).message, value: .array(bad)))
            }
        }
    }

    private static func record(_ value: JSONValue, exercise: String) -> Result<ExerciseProgress, ProgressError> {
        guard !exercise.isEmpty else { return .failure(ProgressError(.exerciseIDEmpty)) }
        guard case .object(let fields) = value else { return .failure(ProgressError(.recordNotObject)) }
        var progress = ExerciseProgress()
        if let v = fields["solved"] {
            guard case .bool(let b) = v else { return .failure(ProgressError(.solvedNotBool)) }
            progress.solved = b
        }
        for (key, path) in [("tries", \ExerciseProgress.tries), ("hintsUsed", \ExerciseProgress.hintsUsed)] {
            guard let v = fields[key] else { continue }
            guard let n = v.wholeNumber, (0...maximumCount).contains(n) else {
                return .failure(ProgressError(.countNotWhole(field: key, maximum: maximumCount)))
            }
            progress[keyPath: path] = n
        }
        return .success(progress)
    }
}

/// Any JSON value, decoded without a schema, so a damaged record can be looked at and kept as found.
indirect enum JSONValue: Codable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .number(let n): try c.encode(n)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// The value as an Int when it is a whole number within ±10¹⁵.
    var wholeNumber: Int? {
        guard case .number(let d) = self, d.isFinite, d == d.rounded(), abs(d) < 1e15 else { return nil }
        return Int(d)
    }
}
