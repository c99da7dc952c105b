import ArgumentParser
import LessonEngine

/// `--seed N` or `--student NAME`: a per-student variant of a lesson's random inputs.
struct VariantOption: ParsableArguments {
    // `.unconditional` so that `--seed -1` reaches the check below instead of reading as an option.
    @Option(parsing: .unconditional, help: "Draw the lesson's random inputs with this seed (the same seed gives the same numbers everywhere).",
            transform: { text in
                guard let n = UInt64(text) else { throw ValidationError("--seed takes a whole number from 0 to \(UInt64.max), got '\(text)'") }
                return n
            })
    var seed: UInt64?

    @Option(help: "A student's name, hashed to a seed, so each student gets their own numbers.")
    var student: String?

    func validate() throws {
        if seed != nil && student != nil { throw ValidationError("give --seed or --student, not both") }
        if let student, student.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--student needs a name")
        }
    }

    /// The variant seed, or nil for the lesson as written.
    var variantSeed: UInt64? { seed ?? student.map(studentSeed) }
}
