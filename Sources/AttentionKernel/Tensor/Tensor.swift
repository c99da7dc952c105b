/// A dense Float32 tensor, stored row-major.
///
/// Shapes follow the lecture: a sequence of `T` token vectors of width `d` is `(T, d)`;
/// per-head tensors are `(H, T, d)`. Value semantics: copying a tensor copies (lazily) its scalars.
public struct Tensor: Equatable, Sendable {
    /// The size of each dimension, outermost first.
    public private(set) var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    /// Creates a tensor from a shape and its row-major scalars.
    ///
    /// Throws when the number of scalars does not match the shape or a dimension is negative.
    public init(shape: [Int], scalars: [Float]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw KernelError("Tensor", "shape \(formatShape(shape)) has a negative dimension")
        }
        let expected = shape.reduce(1, *)
        guard expected == scalars.count else {
            throw KernelError("Tensor", "shape \(formatShape(shape)) needs \(expected) scalars, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor whose scalars are left as the allocator gives them, for a kernel that writes every
    /// one before anything reads it.
    init(uninitializedShape shape: [Int]) {
        let n = shape.reduce(1, *)
        self.init(uncheckedShape: shape, scalars: [Float](unsafeUninitializedCapacity: n) { _, count in count = n })
    }

    /// Internal initialiser for shapes already known to match.
    init(uncheckedShape shape: [Int], scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` filled with `value`.
    public init(shape: [Int], repeating value: Float) {
        let dims = shape.map { max(0, $0) }
        self.init(uncheckedShape: dims, scalars: Array(repeating: value, count: dims.reduce(1, *)))
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }
    /// The number of elements.
    public var count: Int { scalars.count }

    /// Rows of a matrix, or the length of a vector.
    public var rows: Int { shape.first ?? 1 }
    /// Columns of a matrix (the last dimension), or 1 for a scalar.
    public var columns: Int { shape.last ?? 1 }

    /// Element (i, j) of a matrix. Indices are the caller's responsibility, as with arrays.
    public subscript(i: Int, j: Int) -> Float {
        get { scalars[i * columns + j] }
        set { scalars[i * columns + j] = newValue }
    }

    /// Element i of a vector.
    public subscript(i: Int) -> Float {
        get { scalars[i] }
        set { scalars[i] = newValue }
    }

    /// Row `i` of the tensor viewed as a matrix `(count / columns, columns)`.
    public func row(_ i: Int) -> [Float] {
        Array(scalars[(i * columns)..<((i + 1) * columns)])
    }

    /// The tensor as nested rows, for a matrix (rank 2); a vector gives one row.
    public var matrixRows: [[Float]] {
        guard columns > 0 else { return Array(repeating: [], count: rank >= 2 ? rows : 1) }
        return stride(from: 0, to: scalars.count, by: columns).map { Array(scalars[$0..<($0 + columns)]) }
    }

    /// The same scalars under a new shape with the same element count.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Slice `index` of the first dimension: `(A, B, C)` → `(B, C)`.
    public func slice(_ index: Int) throws -> Tensor {
        guard rank >= 1, index >= 0, index < shape[0] else {
            throw KernelError("slice", "index \(index) is outside the first dimension of shape \(formatShape(shape))")
        }
        let inner = Array(shape.dropFirst())
        let size = inner.reduce(1, *)
        return Tensor(uncheckedShape: inner, scalars: Array(scalars[(index * size)..<((index + 1) * size)]))
    }

    /// Stacks tensors of one shape along a new first dimension: n × `(A, B)` → `(n, A, B)`.
    public static func stack(_ parts: [Tensor]) throws -> Tensor {
        guard let first = parts.first else { throw KernelError("stack", "nothing to stack") }
        for (i, part) in parts.enumerated() where part.shape != first.shape {
            throw KernelError("stack", "part \(i) has shape \(formatShape(part.shape)), part 0 has \(formatShape(first.shape))")
        }
        return Tensor(uncheckedShape: [parts.count] + first.shape, scalars: parts.flatMap(\.scalars))
    }

    /// Elementwise map.
    public func map(_ transform: (Float) -> Float) -> Tensor {
        Tensor(uncheckedShape: shape, scalars: scalars.map(transform))
    }
}
