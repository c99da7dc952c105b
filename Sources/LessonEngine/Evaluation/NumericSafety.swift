/// Parameters checked in the precision they are computed in, and results checked for NaN.
///
/// Lesson files and `--set` give numbers as Double, but the kernel computes in Float32: a
/// temperature of 1e-40 is a positive Double and a subnormal Float, whose reciprocal is +∞, and
/// the weights come out NaN. So every number parameter must survive the conversion to Float as a
/// finite, normal number (or exactly 0), and every whole-number parameter must be whole; and
/// whatever slips past (scores so large that dividing by a small τ overflows) is caught in the
/// result, before a NaN can reach a screen, a JSON file or an exercise answer.
enum NumericSafety {
    /// Why `value` cannot be used for parameter `name`, or nil when it can. A scene's own
    /// `params:` entries are numbers; the built-in options have the types of `SceneSchema`.
    static func problem(parameter name: String, value: Double, in scene: Scene) -> String? {
        guard value.isFinite else { return "\(name) must be a finite number, got \(value)" }
        let type = scene.params[name] != nil ? .number : SceneSchema.type(of: name)
        switch type {
        case .integer, .bool, .choice, .token:
            if value != value.rounded() {
                return "\(name) takes whole numbers, got \(fmt(value))"
            }
        case .number, .integers:
            let single = Float(value)
            if !single.isFinite {
                return "\(name) is \(fmt(value)), beyond the largest 32-bit float (about 3.4e38) attn computes with"
            }
            if value != 0 && !single.isNormal {
                return "\(name) is \(fmt(value)), below the smallest normal 32-bit float (about 1.2e-38) attn computes with; use 0 or a number of at least 1e-30"
            }
        case .text:
            break
        }
        return nil
    }

    /// The first tensor holding NaN or +∞ (−∞ is how masked scores are written), as an error at the op line.
    static func checkResult(_ result: ComputedScene, scene: Scene) throws {
        for t in result.tensors {
            guard let index = t.tensor.scalars.firstIndex(where: { $0.isNaN || $0 == .infinity }) else { continue }
            let what = t.tensor.scalars[index].isNaN ? "NaN" : "infinity"
            throw SceneError(
                "the scene computes \(what) in '\(t.name)' (value \(index + 1) of \(t.tensor.scalars.count)): a number overflowed 32-bit floats; check the temperature, the scale and the sizes of the inputs",
                at: scene.opLocation)
        }
    }
}
