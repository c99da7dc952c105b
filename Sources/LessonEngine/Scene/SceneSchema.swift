/// The scene format's vocabulary: which fields exist, and (read from the operations'
/// declarations under `Operations/`) what each operation takes and the type and default of
/// every option.
enum SceneSchema {
    /// Top-level scene fields other than input slots and options.
    static let structuralFields = ["tokens", "keyTokens", "tensors", "op", "params", "views", "controls", "stages"]

    /// Every input slot name any operation declares, with its default tensor (first declaration).
    static let inputDefaults: [String: String] = {
        var out: [String: String] = [:]
        for d in OperationDeclaration.all { for i in d.inputs where out[i.slot] == nil { out[i.slot] = i.defaultTensor } }
        return out
    }()

    /// The tensor an input slot reads when the scene does not name one.
    static func defaultTensor(for slot: String, op: SceneOp) -> String {
        op.declaration.inputs.first { $0.slot == slot }?.defaultTensor ?? inputDefaults[slot] ?? slot
    }

    /// The input slots each operation reads.
    static func inputs(of op: SceneOp) -> [String] { op.declaration.inputs.map(\.slot) }

    /// The options each operation understands (`query` and `head` first: every scene has them).
    static func options(of op: SceneOp) -> [String] { op.declaration.allOptions.map(\.name) }

    /// Every option name any operation understands.
    static let allOptions: [String] = OperationDeclaration.allOptions.map(\.name)

    typealias OptionType = LessonEngine.OptionType

    /// An option's type, from its declaration. Every option is declared, so there is no
    /// fallback type: an undeclared name is a programming error caught by the schema tests.
    static func type(of option: String) -> OptionType {
        let name = Scene.splitParameter(option).option
        return OperationDeclaration.allOptions.first { $0.name == name }?.type ?? .number
    }

    /// The value an option takes when the scene does not set it; `T` is the number of tokens.
    /// Choice options give their index in the choice list.
    static func defaultValue(of option: String, tokens T: Int, keyTokens TK: Int) -> Double? {
        let name = Scene.splitParameter(option).option
        guard let o = OperationDeclaration.allOptions.first(where: { $0.name == name }) else { return nil }
        return o.defaultValue.resolve(tokens: T, keyTokens: TK, type: o.type)
    }

    /// Options that must be set when the operation runs.
    static func requiredOptions(of op: SceneOp) -> [String] { op.declaration.required }

    /// What each view accepts besides `view:` and `title:`.
    static func viewFields(_ kind: ViewKind) -> [String] {
        switch kind {
        case .heatmap, .matrix: return ["tensor", "head"]
        case .softmaxRow: return ["tensor", "query", "head"]
        case .vectors, .pipeline: return ["tensors"]
        case .rope: return ["tensor", "query", "key"]
        case .prose: return []
        case .heads: return ["tensor"]
        }
    }

    /// Limits that keep every scene small enough to draw and instant to compute.
    static let maximumDimension = 512
    static let maximumElements = 65_536
    static let maximumTokens = 256
}
