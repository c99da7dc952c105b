/// A fenced code block's opening line, and which lines close it: the one fence rule, used by the
/// lesson splitter (`scene`, `notes`, `exercises` blocks) and by prose (code samples) alike.
///
/// As in CommonMark: an opening fence is a run of at least three backticks or tildes, indented
/// less than four spaces, followed by an info string (which for backticks has no backtick). It
/// is closed by a line of the same character, at least as long as the opening run, with nothing
/// after it but spaces. So ```` ```` ```` can hold a ```` ``` ```` example, and a `~~~` block is
/// not closed by backticks.
struct Fence: Equatable {
    /// The opening run: "```", "````", "~~~", …
    var marker: String
    /// The text after the run, trimmed: `scene`, `python`, or empty.
    var info: String

    /// The fence this line opens, or nil when it opens none.
    init?(opening line: some StringProtocol) {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count < 4, let first = trimmed.first, first == "`" || first == "~" else { return nil }
        let run = trimmed.prefix(while: { $0 == first })
        guard run.count >= 3 else { return nil }
        let info = trimmed.dropFirst(run.count).trimmedOf(" \t")
        if first == "`" && info.contains("`") { return nil }
        marker = String(run)
        self.info = info
    }

    /// The first word of the info string: the block's kind.
    var kind: String { info.split(separator: " ").first.map(String.init) ?? "" }

    /// Whether `line` closes this fence.
    func isClosed(by line: some StringProtocol) -> Bool {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count < 4, let first = marker.first else { return false }
        let run = trimmed.prefix(while: { $0 == first })
        return run.count >= marker.count && trimmed.dropFirst(run.count).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
