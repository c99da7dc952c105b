/// A model that cannot be loaded or run, in words a learner can act on.
public struct ModelError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
