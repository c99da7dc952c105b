import Yams

/// Loading one YAML block of a lesson through Yams, with every failure turned into a diagnostic.
///
/// Yams reports marks relative to the text it was given; `firstLine` is the file line of that
/// text's first line, so each mark is shifted to a file line before it reaches the instructor.
enum YAMLBlock {
    /// Deeper than any sensible scene. Yams builds nodes recursively, so a document nested
    /// thousands of levels deep could exhaust the stack; this bound is checked on the text
    /// before Yams sees it.
    static let maximumDepth = 64

    /// The root node of `text`, or nil after reporting why it could not be loaded.
    static func load(_ text: String, firstLine: Int, sink: DiagnosticSink) -> Node? {
        if let (depth, line) = estimatedDepth(text), depth > maximumDepth {
            sink.error(SourceLocation(line: firstLine + line - 1), FormatProblem.yamlTooDeep(limit: maximumDepth))
            return nil
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(error, text: text, firstLine: firstLine, sink: sink)
        } catch {
            sink.error(SourceLocation(line: firstLine), FormatProblem.yamlUnreadable(detail: "\(error)"))
        }
        return nil
    }

    /// Shifts a block-relative mark to the file.
    static func location(_ mark: Mark?, firstLine: Int) -> SourceLocation {
        guard let mark else { return SourceLocation(line: firstLine) }
        return SourceLocation(line: firstLine + mark.line - 1, column: mark.column)
    }

    private static func report(_ error: YamlError, text: String, firstLine: Int, sink: DiagnosticSink) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            let lines = SourceText.lines(text)
            // A tab in the indentation of the failing line (or of the line Yams was still reading)
            // is the usual cause, and Yams's own words ("cannot start any token") do not say so.
            let candidates = [mark.line - 1, mark.line - 2].filter { lines.indices.contains($0) }
            if let tabbed = candidates.first(where: { lines[$0].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") }) {
                sink.error(SourceLocation(line: firstLine + tabbed), FormatProblem.yamlTabs)
                return
            }
            // A ': ' inside a value starts another 'key: value': the advice says to quote the text.
            let advise = problem.contains("mapping values are not allowed")
            sink.error(location(mark, firstLine: firstLine), FormatProblem.yamlInvalid(problem: problem, context: context?.text, adviseQuoting: advise))
        case let .duplicatedKeysInMapping(duplicates, context):
            sink.error(location(context.mark, firstLine: firstLine),
                       FormatProblem.yamlDuplicateKeys(duplicates))
        case let .reader(problem, _, _, _):
            sink.error(SourceLocation(line: firstLine), FormatProblem.yamlInvalid(problem: problem, context: nil, adviseQuoting: false))
        default:
            sink.error(SourceLocation(line: firstLine), FormatProblem.yamlInvalid(problem: "\(error)", context: nil, adviseQuoting: false))
        }
    }

    /// An upper bound on the nesting depth of `text`, and the (block-relative) line where it peaks.
    ///
    /// Each block level needs more indentation or a `- ` / `key: ` on the same line, and each
    /// flow level an open bracket, so indentation + compact indicators + open brackets bounds
    /// the depth from above. Quotes and comments are skipped roughly; overestimating only
    /// refuses absurd files.
    static func estimatedDepth(_ text: String) -> (Int, Int)? {
        var best: (Int, Int)?
        var flow = 0
        var lineNumber = 0
        for line in SourceText.lines(text).map({ Substring($0) }) {
            lineNumber += 1
            let indent = line.prefix(while: { $0 == " " }).count
            // Compact nesting: "- - - x" opens one sequence per leading dash.
            var compact = 0
            var rest = line.dropFirst(indent)
            while rest.hasPrefix("- ") || rest == "-" {
                compact += 1
                rest = rest.dropFirst(2).drop(while: { $0 == " " })
            }
            var peakFlow = flow
            var quote: Character?
            var previous: Character = " "
            for c in rest {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" { quote = c }
                } else if c == "#" && previous == " " {
                    break
                } else if c == "[" || c == "{" {
                    flow += 1
                    peakFlow = max(peakFlow, flow)
                } else if c == "]" || c == "}" {
                    flow = max(0, flow - 1)
                }
                previous = c
            }
            let depth = indent / 2 + 1 + compact + peakFlow
            if best == nil || depth > best!.0 { best = (depth, lineNumber) }
        }
        return best
    }
}
