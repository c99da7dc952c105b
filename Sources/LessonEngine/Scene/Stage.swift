/// One stage of a scene of several: an operation, the tensors it reads (declared tensors or
/// earlier stages' results, `attn.output`) and its options.
///
/// A single-op scene is one stage with no name; its results keep the names of the first version
/// of the format. In a scene with `stages:`, results are `stage.name` (`norm1.output`), and a
/// control or `--set` names a stage's option as `stage.option` (`ffn.activation`).
public struct StageSpec: Sendable, Hashable {
    public var name: String?
    public var op: SceneOp
    public var opLocation: SourceLocation
    public var inputs: [String: NamedReference] = [:]
    public var options: [String: SceneOption] = [:]
    /// The layer of a repeated block (`layer2.attn.weights`).
    public var layer: Int?
    public var location: SourceLocation

    /// The name a result of this stage is known by in bindings and views.
    func qualified(_ name: String) -> String {
        ResultKey(stage: self.name, name: name, layer: layer).evalName
    }
}

extension Scene {
    /// The stages to run: the scene's own op when it has no `stages:`.
    var runStages: [StageSpec] {
        stages.isEmpty
            ? [StageSpec(name: nil, op: op, opLocation: opLocation, inputs: inputs, options: options, location: location)]
            : stages
    }

    /// Whether this scene chains several stages.
    public var isStaged: Bool { !stages.isEmpty }

    /// A stage's parameter name, `stage.option`, split; a name without a dot is the scene's own.
    static func splitParameter(_ name: String) -> (stage: String?, option: String) {
        guard let dot = name.lastIndex(of: ".") else { return (nil, name) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }
}
