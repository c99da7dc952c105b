import AttentionKernel

/// JSON for `attn eval`: every computed tensor as `{"name", "shape", "values"}`.
///
/// Values are flat, row-major (numpy: `np.array(values).reshape(shape)`). JSON has no
/// infinities, so −∞ (masked scores) is written as the string "-inf", +∞ as "inf" and NaN as
/// "nan"; `float("-inf")` in Python reads them back.
public func evalJSON(_ scene: ComputedScene) -> String {
    "[" + scene.tensors.map(tensorJSON).joined(separator: ",\n ") + "]"
}

/// JSON for a whole lesson: one object per step that has a scene,
/// `{"step": n, "title": …, "tensors": [...]}`, steps numbered from 1.
public func evalJSON(_ steps: [EvaluatedStep]) -> String {
    evalJSON(steps: steps.map { (index: $0.index, title: $0.title, scene: $0.scene) })
}

/// The same, from (index, title, scene) tuples, as the CLI collects them.
public func evalJSON(steps: [(index: Int, title: String, scene: ComputedScene)]) -> String {
    let items = steps.map { step in
        "{\"step\": \(step.index), \"title\": \(jsonString(step.title)), \"tensors\": \(evalJSON(step.scene))}"
    }
    return "[" + items.joined(separator: ",\n") + "]"
}

private func tensorJSON(_ t: NamedTensor) -> String {
    let shape = t.shape.map(String.init).joined(separator: ", ")
    let values = t.tensor.scalars.map(NumberFormat.json).joined(separator: ", ")
    return "{\"name\": \(jsonString(t.name)), \"shape\": [\(shape)], \"values\": [\(values)]}"
}

/// A JSON string literal with the required escapes (`attn eval`, `attn model --json`).
public func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
