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
    static func problem(parameter name: String, value: Double, in scene: Scene) -> SceneProblem? {
        guard value.isFinite else { return .notFiniteNumber(parameter: name, value: value) }
        let type = scene.params[name] != nil ? .number : SceneSchema.type(of: name)
        switch type {
        case .integer, .bool, .choice, .token:
            if value != value.rounded() {
                return .takesWholeNumbers(parameter: name, value: value)
            }
        case .number, .integers:
            let single = Float(value)
            if !single.isFinite {
                return .beyondFloat(parameter: name, value: value)
            }
            if value != 0 && !single.isNormal {
                return .belowFloat(parameter: name, value: value)
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
            throw SceneError(
                .nonFiniteResult(nan: t.tensor.scalars[index].isNaN, tensor: t.name, index: index + 1, count: t.tensor.scalars.count),
                at: scene.opLocation)
        }
    }
}
