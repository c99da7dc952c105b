/// Building tensors from Swift arrays and literals.
extension Tensor: ExpressibleByArrayLiteral {
    /// A vector literal: `let v: Tensor = [1, 0, -1]` has shape `(3,)`.
    public init(arrayLiteral elements: Float...) {
        self.init(vector: elements)
    }

    /// A vector, shape `(n,)`.
    public init(vector: [Float]) {
        self.init(uncheckedShape: [vector.count], scalars: vector)
    }

    /// A scalar, shape `()`.
    public init(scalar: Float) {
        self.init(uncheckedShape: [], scalars: [scalar])
    }

    /// A matrix from its rows, shape `(rows, columns)`. Throws when rows differ in length.
    public init(_ rows: [[Float]]) throws {
        let width = rows.first?.count ?? 0
        for (i, row) in rows.enumerated() where row.count != width {
            throw KernelError("Tensor", "row \(i) has \(row.count) values, row 0 has \(width)")
        }
        self.init(uncheckedShape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// A rank-3 tensor from nested arrays, shape `(A, B, C)`. Throws when the nesting is ragged.
    public init(_ blocks: [[[Float]]]) throws {
        let matrices = try blocks.map { try Tensor($0) }
        if matrices.isEmpty {
            self.init(uncheckedShape: [0, 0, 0], scalars: [])
        } else {
            self = try Tensor.stack(matrices)
        }
    }

    /// Zeros of the given shape.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, repeating: 0)
    }

    /// The `n × n` identity matrix.
    public static func identity(_ n: Int) -> Tensor {
        var t = Tensor.zeros([n, n])
        for i in 0..<max(0, n) { t[i, i] = 1 }
        return t
    }
}
