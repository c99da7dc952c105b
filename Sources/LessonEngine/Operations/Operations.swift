/// Every operation a scene can run, in the order FORMAT.md lists them.
///
/// Adding an operation: write `Operations/<Name>.swift` (its `SceneOp` name, its declaration and
/// its run function), add it here, and add its row to FORMAT.md's table (a test checks the row).
extension OperationDeclaration {
    static let all: [OperationDeclaration] = [
        .hardRead, .avgRead, .softRead, .attention, .multiHead, .crossAttention, .sinusoidal, .rope, .alibi, .kvCache,
        .embedding, .linear, .add, .layerNorm, .rmsNorm, .ffn, .swiglu, .topK, .encoderBlock, .decoderBlock, .model,
    ]

    static let byName: [String: OperationDeclaration] = Dictionary(all.map { ($0.op.rawValue, $0) }, uniquingKeysWith: { a, _ in a })

    /// Every option any operation declares, first declaration of each name.
    static let allOptions: [OptionDeclaration] = {
        var seen: Set<String> = []
        var out: [OptionDeclaration] = []
        for d in all { for o in d.allOptions where seen.insert(o.name).inserted { out.append(o) } }
        return out
    }()
}

/// The name of an operation a scene can run; its declaration says everything else.
public struct SceneOp: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    public let rawValue: String

    init(_ name: String) { rawValue = name }

    /// A declared operation's name, or nil.
    public init?(rawValue: String) {
        guard OperationDeclaration.byName[rawValue] != nil else { return nil }
        self.rawValue = rawValue
    }

    public static var allCases: [SceneOp] { OperationDeclaration.all.map(\.op) }

    public var description: String { rawValue }

    var declaration: OperationDeclaration { OperationDeclaration.byName[rawValue]! }
}
