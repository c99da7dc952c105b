/// What the explorer needs to know about a scene that runs a trained model, without parsing it.
public struct ModelSceneInfo: Sendable, Equatable {
    public var model: SceneModel
    /// The scene's own sentence (the lesson's).
    public var sentence: String
    /// Whether the model generates (SmolLM2): the generate key appends its greedy next token.
    public var generates: Bool { model.causal }
}

extension Scene {
    /// The model this scene runs, or nil for every other op.
    public var modelInfo: ModelSceneInfo? {
        guard op == .model, !isStaged else { return nil }
        let name: String
        if case .name(let n)? = options["model"]?.value { name = n } else { name = SceneModel.minilm.rawValue }
        guard let model = SceneModel(rawValue: name) else { return nil }
        var sentence = ""
        if case .name(let s)? = options["sentence"]?.value { sentence = s }
        return ModelSceneInfo(model: model, sentence: sentence)
    }

    /// The same scene reading `sentence` instead of its own (the learner's, typed in the explorer).
    public func reading(_ sentence: String) -> Scene {
        guard op == .model else { return self }
        var copy = self
        let location = options["sentence"]?.location ?? opLocation
        copy.options["sentence"] = SceneOption(value: .name(sentence), location: location)
        return copy
    }
}
