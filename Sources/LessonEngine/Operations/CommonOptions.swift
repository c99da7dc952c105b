/// Options that several operations share, declared once so that a name means one thing
/// (a test checks that no two declarations of the same name disagree on type or default).
extension OptionDeclaration {
    static let query = OptionDeclaration(name: "query", type: .integer, defaultValue: .value(0), doc: "the query row shown by `softmaxRow` (and the position by `rope`)")
    static let head = OptionDeclaration(name: "head", type: .integer, defaultValue: .value(0), doc: "the head shown by views of per-head tensors")

    static let mask = OptionDeclaration(name: "mask", type: .choice(MaskKind.allCases.map(\.rawValue)), defaultValue: .name("none"),
                                        doc: "which keys each query may see (−∞ before the softmax, exactly 0 after)")
    static let window = OptionDeclaration(name: "window", type: .integer, defaultValue: .value(3), doc: "window width W for `sliding`, `dilated`, `globalSliding`")
    static let dilation = OptionDeclaration(name: "dilation", type: .integer, defaultValue: .value(2), doc: "spacing of the keys in a `dilated` window")
    static let global = OptionDeclaration(name: "global", type: .integers, defaultValue: .none, doc: "global positions for `globalSliding`")
    static let validKeys = OptionDeclaration(name: "validKeys", type: .integer, defaultValue: .keyTokenCount, doc: "real (non-padding) keys for `padding`")
    static let causal = OptionDeclaration(name: "causal", type: .bool, defaultValue: .name("true"), doc: "whether windows only look back")
    /// The mask and its parameters, as every attention op reads them.
    static let maskOptions: [OptionDeclaration] = [.mask, .window, .dilation, .global, .validKeys, .causal]

    static let temperature = OptionDeclaration(name: "temperature", type: .number, defaultValue: .value(1), doc: "τ in softmax(·/τ)")
    static let scale = OptionDeclaration(name: "scale", type: .number, defaultValue: .none, doc: "multiplies QKᵀ (`scale: 1` turns scaling off); default 1/√d_k")
    static let softcap = OptionDeclaration(name: "softcap", type: .number, defaultValue: .none, doc: "σ·tanh(x/σ) on the scaled scores")
    static let numHeads = OptionDeclaration(name: "numHeads", type: .integer, defaultValue: .value(2), range: 1...64, doc: "H")
    static let length = OptionDeclaration(name: "length", type: .integer, defaultValue: .tokenCount, range: 1...256, doc: "T")
    static let base = OptionDeclaration(name: "base", type: .number, defaultValue: .value(10000), doc: "the base of the wavelengths / frequencies")
    static let seed = OptionDeclaration(name: "seed", type: .integer, defaultValue: .value(0), doc: "seed of the random weights")
}
