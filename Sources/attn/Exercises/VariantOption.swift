import ArgumentParser
import LessonEngine

/// `--seed N` or `--student NAME`: a per-student variant of a lesson's random inputs.
struct VariantOption: ParsableArguments {
    // `.unconditional` so that `--seed -1` reaches the check below instead of reading as an option.
    @Option(parsing: .unconditional, help: ArgumentHelp(say(.seedHelp)),
            transform: { text in
                guard let n = UInt64(text) else { throw ValidationError(say(.seedInvalid, ["max": String(UInt64.max), "value": text])) }
                return n
            })
    var seed: UInt64?

    @Option(help: ArgumentHelp(say(.studentHelp)))
    var student: String?

    func validate() throws {
        if seed != nil && student != nil { throw ValidationError(say(.seedAndStudent)) }
        if let student, student.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(say(.studentNeedsName))
        }
    }

    /// The variant seed, or nil for the lesson as written.
    var variantSeed: UInt64? { seed ?? student.map(studentSeed) }
}
