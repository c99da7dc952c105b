import Foundation
import Yams

/// Typed reading of YAML nodes with diagnostics instead of exceptions.
///
/// Every getter reports what it expected at the node's file position and returns nil, so a
/// decoder can check every field of a scene and list all problems in one run.
struct NodeReader {
    let sink: DiagnosticSink
    /// File line of the YAML block's first line.
    let firstLine: Int
    /// Longest list accepted anywhere: bounds the work an aliased or generated file can cause.
    static let maximumListLength = 4096

    func location(_ node: Node) -> SourceLocation {
        YAMLBlock.location(node.mark, firstLine: firstLine)
    }

    func error(_ node: Node, _ problem: LessonProblem) {
        sink.error(location(node), problem)
    }

    /// A sentence not yet in the catalog: English in every language.
    func error(_ node: Node, _ message: String) { error(node, LessonProblem.verbatim(message)) }
    func error(_ node: Node, _ problem: FormatProblem) { error(node, .format(problem)) }
    func error(_ node: Node, _ problem: TranslationProblem) { error(node, .translation(problem)) }
    func error(_ node: Node, _ problem: SceneProblem) { error(node, .scene(problem)) }
    func error(_ node: Node, _ problem: ExerciseProblem) { error(node, .exercise(problem)) }

    /// The pairs of a mapping with string keys, reporting unknown keys against `known`.
    func mapping(_ node: Node, _ what: Subject, known: [String]? = nil) -> [(key: String, keyNode: Node, value: Node)]? {
        guard case .mapping(let m) = node else {
            error(node, FormatProblem.mustBeMapping(what, got: kind(node)))
            return nil
        }
        var pairs: [(String, Node, Node)] = []
        for (k, v) in m {
            guard case .scalar(let s) = k else {
                error(k, FormatProblem.keysMustBeNames(what))
                continue
            }
            if let known, !known.contains(s.string) {
                error(k, FormatProblem.unknownField(s.string, in: what, suggestion: closestName(to: s.string, in: known)))
                continue
            }
            pairs.append((s.string, k, v))
        }
        return pairs.map { (key: $0.0, keyNode: $0.1, value: $0.2) }
    }

    func sequence(_ node: Node, _ what: Subject) -> [Node]? {
        guard case .sequence(let s) = node else {
            error(node, FormatProblem.mustBeList(what, got: kind(node)))
            return nil
        }
        guard s.count <= Self.maximumListLength else {
            error(node, FormatProblem.tooManyItems(what, count: s.count, limit: Self.maximumListLength))
            return nil
        }
        return Array(s)
    }

    func string(_ node: Node, _ what: Subject) -> String? {
        guard case .scalar(let s) = node else {
            error(node, FormatProblem.mustBeSingleValue(what, got: kind(node)))
            return nil
        }
        return s.string
    }

    func number(_ node: Node, _ what: Subject) -> Double? {
        guard let text = string(node, what) else { return nil }
        guard let value = parseNumber(text) else {
            error(node, FormatProblem.mustBeNumber(what, got: text))
            return nil
        }
        return value
    }

    func integer(_ node: Node, _ what: Subject) -> Int? {
        guard let value = number(node, what) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            error(node, FormatProblem.mustBeWholeNumber(what, got: value))
            return nil
        }
        return Int(value)
    }

    func bool(_ node: Node, _ what: Subject) -> Bool? {
        guard let text = string(node, what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            error(node, FormatProblem.mustBeBool(what, got: text))
            return nil
        }
    }

    func strings(_ node: Node, _ what: Subject) -> [String]? {
        guard let items = sequence(node, what) else { return nil }
        let values = items.compactMap { string($0, .eachItem(what)) }
        return values.count == items.count ? values : nil
    }

    func numbers(_ node: Node, _ what: Subject) -> [Double]? {
        guard let items = sequence(node, what) else { return nil }
        let values = items.compactMap { number($0, .eachItem(what)) }
        return values.count == items.count ? values : nil
    }

    func integers(_ node: Node, _ what: Subject) -> [Int]? {
        guard let items = sequence(node, what) else { return nil }
        let values = items.compactMap { integer($0, .eachItem(what)) }
        return values.count == items.count ? values : nil
    }

    /// A number, or a `$name` reference to a scene parameter.
    func numberRef(_ node: Node, _ what: Subject) -> NumberRef? {
        guard let text = string(node, what) else { return nil }
        if text.hasPrefix("$") {
            let name = String(text.dropFirst())
            guard !name.isEmpty else {
                error(node, FormatProblem.dollarNeedsName(what))
                return nil
            }
            return NumberRef(value: .parameter(name), location: location(node))
        }
        guard let value = parseNumber(text) else {
            error(node, FormatProblem.mustBeNumberOrParameter(what, got: text))
            return nil
        }
        return NumberRef(value: .literal(value), location: location(node))
    }

    // Subjects given as English phrases (code not yet moved to `Subject`): the same in every language.
    func mapping(_ node: Node, _ what: String, known: [String]? = nil) -> [(key: String, keyNode: Node, value: Node)]? {
        mapping(node, .phrase(what), known: known)
    }
    func sequence(_ node: Node, _ what: String) -> [Node]? { sequence(node, .phrase(what)) }
    func string(_ node: Node, _ what: String) -> String? { string(node, .phrase(what)) }
    func number(_ node: Node, _ what: String) -> Double? { number(node, .phrase(what)) }
    func integer(_ node: Node, _ what: String) -> Int? { integer(node, .phrase(what)) }
    func bool(_ node: Node, _ what: String) -> Bool? { bool(node, .phrase(what)) }
    func strings(_ node: Node, _ what: String) -> [String]? { strings(node, .phrase(what)) }
    func numbers(_ node: Node, _ what: String) -> [Double]? { numbers(node, .phrase(what)) }

    private func kind(_ node: Node) -> NodeKind {
        switch node {
        case .scalar(let s): return .scalar(s.string)
        case .mapping: return .mapping
        case .sequence: return .list
        case .alias: return .alias
        }
    }
}

/// A finite number from YAML text: `3`, `-0.5`, `1e-3`. YAML's `.inf`/`.nan` are refused.
func parseNumber(_ text: String) -> Double? {
    guard let value = Double(text.trimmedOf(" ")), value.isFinite else { return nil }
    return value
}

/// A number written in a scene, either literally or as `$name` (resolved when evaluating).
public struct NumberRef: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case literal(Double)
        case parameter(String)
    }
    public var value: Value
    public var location: SourceLocation

    public init(value: Value, location: SourceLocation) {
        self.value = value
        self.location = location
    }

    public static func literal(_ x: Double, at location: SourceLocation = SourceLocation(line: 1)) -> NumberRef {
        NumberRef(value: .literal(x), location: location)
    }
}
