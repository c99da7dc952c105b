import CAttentionKernels

/// An error from a kernel operation: which operation, and what was wrong with its inputs.
///
/// Every operation validates its inputs and throws instead of trapping, so a lesson file with
/// mismatched shapes becomes a message for the learner, never a crash.
public struct KernelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The operation that refused its input, e.g. `scaledDotProductAttention`.
    public let operation: String
    /// A plain sentence naming the inputs and shapes involved.
    public let message: String

    public init(_ operation: String, _ message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}

/// Formats a shape as the lecture writes it: `(3, 4)`.
public func formatShape(_ shape: [Int]) -> String {
    "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
}

extension Tensor {
    /// Throws unless the tensor has `rank` dimensions.
    func require(rank: Int, _ name: String, in operation: String) throws {
        guard shape.count == rank else {
            throw KernelError(operation, "\(name) must have \(rank) dimension\(rank == 1 ? "" : "s"), got shape \(formatShape(shape))")
        }
    }

    /// Throws unless every element is finite (NaN and ±∞ are refused).
    func requireFinite(_ name: String, in operation: String) throws {
        let found = scalars.withUnsafeBufferPointer { p in attn_first_non_finite(p.baseAddress, p.count) }
        if found >= 0 { throw nonFinite(at: Int(found), name, in: operation) }
    }

    /// The error requireFinite throws for the non-finite element at flat `index`.
    func nonFinite(at index: Int, _ name: String, in operation: String) -> KernelError {
        KernelError(operation, "\(name) \(formatShape(shape)) has a non-finite value \(scalars[index]) at flat index \(index)")
    }

    /// Throws when the tensor has no elements.
    func requireNonEmpty(_ name: String, in operation: String) throws {
        guard count > 0 else {
            throw KernelError(operation, "\(name) is empty (shape \(formatShape(shape)))")
        }
    }
}
