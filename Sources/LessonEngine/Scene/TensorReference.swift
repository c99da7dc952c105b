/// A result as an author writes it in a view or an exercise: `weights`, `weights[1]`,
/// `attn.weights`, `layer2.ffn.output`.
///
/// Author text is read here once, into the parts of a `ResultKey`; from then on views and
/// exercises work with keys and never take names apart.
struct TensorReference: Sendable, Hashable {
    var layer: Int?
    var stage: String?
    var name: String
    var head: Int?

    init(stage: String? = nil, name: String, layer: Int? = nil, head: Int? = nil) {
        self.stage = stage
        self.name = name
        self.layer = layer
        self.head = head
    }

    init(parsing text: String) {
        var body = Substring(text)
        if body.hasSuffix("]"), let open = body.lastIndex(of: "["), let h = Int(body[body.index(after: open)..<body.index(before: body.endIndex)]) {
            head = h
            body = body[..<open]
        }
        var parts = body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count > 1, parts[0].hasPrefix("layer"), let l = Int(parts[0].dropFirst(5)) {
            layer = l
            parts.removeFirst()
        }
        name = parts.last ?? ""
        stage = parts.count > 1 ? parts.dropLast().joined(separator: ".") : nil
    }

    func key(head h: Int? = nil) -> ResultKey { ResultKey(stage: stage, name: name, layer: layer, head: head ?? h) }
}

extension ComputedScene {
    /// The result `reference` names, taking `head` for a per-head name written without one.
    ///
    /// Nil when nothing matches; throws (via `outOfRange`) when the name is per head and `head`
    /// is not one of its heads.
    func result(_ reference: TensorReference, head: Int) -> (key: ResultKey?, heads: Int) {
        if reference.head != nil { return (self[key: reference.key()] != nil ? reference.key() : nil, 0) }
        if self[key: reference.key()] != nil { return (reference.key(), 0) }
        let perHead = results(named: reference.name, stage: reference.stage, layer: reference.layer).filter { $0.key.head != nil }
        guard !perHead.isEmpty else { return (nil, 0) }
        let key = reference.key(head: head)
        return (self[key: key] != nil ? key : nil, perHead.count)
    }
}
