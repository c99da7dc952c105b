/// A model file that cannot be read: names the file and what is wrong with it.
public struct ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file's path (or a label for in-memory data).
    public let file: String
    /// What is wrong, in words.
    public let reason: String

    public init(_ file: String, _ reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
