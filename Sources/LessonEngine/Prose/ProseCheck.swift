/// What validation checks in a line of prose before anyone has to look at it rendered.
///
/// Rendering never fails (a formula too deep to render is shown as its source), so these are
/// the problems an author should hear about from `attn validate` rather than discover on the
/// projector. One line at a time, so each problem carries its own line number.
func proseLineProblems(_ line: String) -> [FormatProblem] {
    guard line.contains("$") else { return [] }
    return parseProseSpans(line).compactMap { span in
        span.kind == .math ? inlineMathFormatProblem(span.text) : nil
    }
}
