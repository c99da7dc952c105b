/// The scene format's vocabulary in one place: which fields exist, what each operation takes,
/// and the type and default of every option.
///
/// The decoder, the evaluator and `Lessons/FORMAT.md` all follow these tables, so adding an
/// option means adding it here first.
enum SceneSchema {
    /// Top-level scene fields other than input slots and options.
    static let structuralFields = ["tokens", "keyTokens", "tensors", "op", "params", "views", "controls"]

    /// Input slots and the tensor name each falls back to when the scene does not set it.
    /// (The memory reads' query is a single vector, so their `q` falls back to lowercase `q`.)
    static let inputDefaults: [String: String] = [
        "q": "Q", "k": "K", "v": "V",
        "x": "X", "xkv": "X_kv", "wQ": "W_Q", "wK": "W_K", "wV": "W_V", "wO": "W_O",
    ]

    /// The tensor an input slot reads when the scene does not name one.
    static func defaultTensor(for slot: String, op: SceneOp) -> String {
        if slot == "q", [.hardRead, .avgRead, .softRead].contains(op) { return "q" }
        return inputDefaults[slot] ?? slot
    }

    /// The input slots each operation reads.
    static func inputs(of op: SceneOp) -> [String] {
        switch op {
        case .hardRead, .avgRead, .softRead: return ["q", "k", "v"]
        case .attention: return ["q", "k", "v", "x", "wQ", "wK", "wV"]
        case .multiHead: return ["x", "xkv", "wQ", "wK", "wV", "wO"]
        case .crossAttention: return ["x", "xkv", "wQ", "wK", "wV"]
        case .sinusoidal, .alibi: return []
        case .rope: return ["x"]
        case .kvCache: return ["x", "wQ", "wK", "wV"]
        }
    }

    static let maskOptions = ["mask", "window", "dilation", "global", "validKeys", "causal"]

    /// The options each operation understands (besides `query` and `head`, which every scene has).
    static func options(of op: SceneOp) -> [String] {
        let view = ["query", "head"]
        switch op {
        case .hardRead, .avgRead: return view
        case .softRead: return view + ["similarity", "temperature"]
        case .attention: return view + maskOptions + ["temperature", "scale", "softcap"]
        case .multiHead:
            return view + maskOptions + ["temperature", "softcap", "numHeads", "numKVHeads", "headDim", "seed", "alibi"]
        case .crossAttention: return view + maskOptions + ["temperature", "scale"]
        case .sinusoidal: return view + ["length", "dim", "base"]
        case .rope: return view + ["base", "pairing", "position"]
        case .alibi: return view + ["numHeads", "length", "causal"]
        case .kvCache: return view + ["step", "scale"]
        }
    }

    /// Every option name any operation understands.
    static let allOptions: [String] = {
        var seen: [String] = []
        for op in SceneOp.allCases { for o in options(of: op) where !seen.contains(o) { seen.append(o) } }
        return seen
    }()

    /// How an option's value is written.
    enum OptionType {
        case number, integer, bool, integers
        case choice([String])
    }

    static func type(of option: String) -> OptionType {
        switch option {
        case "temperature", "scale", "softcap", "base": return .number
        case "mask": return .choice(MaskKind.allCases.map(\.rawValue))
        case "similarity": return .choice(["dot", "cosine", "exactMatch", "expDot"])
        case "pairing": return .choice(["interleaved", "halfSplit"])
        case "causal", "alibi": return .bool
        case "global": return .integers
        default: return .integer
        }
    }

    /// The value an option takes when the scene does not set it; `T` is the number of tokens.
    /// Choice options give their index in the choice list.
    static func defaultValue(of option: String, tokens T: Int, keyTokens TK: Int) -> Double? {
        switch option {
        case "temperature": return 1
        case "window": return 3
        case "dilation": return 2
        case "validKeys": return Double(TK)
        case "query", "head", "position", "seed": return 0
        case "numHeads": return 2
        case "headDim": return 2
        case "length": return Double(max(T, 1))
        case "dim": return 8
        case "base": return 10000
        case "step": return Double(max(T - 1, 0))
        case "mask", "similarity", "pairing": return 0
        case "causal": return 1
        case "alibi": return 0
        default: return nil
        }
    }

    /// Options that must be set when the operation runs.
    static func requiredOptions(of op: SceneOp) -> [String] {
        switch op {
        case .softRead: return ["similarity"]
        case .sinusoidal: return ["dim"]
        default: return []
        }
    }

    /// What each view accepts besides `view:` and `title:`.
    static func viewFields(_ kind: ViewKind) -> [String] {
        switch kind {
        case .heatmap, .matrix: return ["tensor", "head"]
        case .softmaxRow: return ["tensor", "query", "head"]
        case .vectors, .pipeline: return ["tensors"]
        case .rope: return ["tensor", "query"]
        case .prose: return []
        }
    }

    /// Limits that keep every scene small enough to draw and instant to compute.
    static let maximumDimension = 512
    static let maximumElements = 65_536
    static let maximumTokens = 256
}
