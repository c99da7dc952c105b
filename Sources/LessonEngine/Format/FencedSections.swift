/// Splitting a lesson's Markdown into front matter, introduction and steps, line by line.
///
/// Only line structure is decided here: where the front matter ends, where each `## ` step
/// begins, and where the special fenced blocks (`scene`, `notes`, `exercises`) sit. Their
/// contents are interpreted later, and their first line number is kept so YAML errors can be
/// reported against the file rather than the block.
struct LessonSections {
    /// Front matter text and the file line of its first line, nil when absent.
    var frontMatter: (text: String, firstLine: Int)?
    var introduction: [String] = []
    var steps: [RawStep] = []
}

/// A step as found in the file, before its blocks are decoded.
struct RawStep {
    var title: String
    var line: Int
    var prose: [String] = []
    var blocks: [RawBlock] = []
}

/// A special fenced block: its kind (`scene`, `notes`, `exercises`) and its lines.
struct RawBlock {
    var kind: String
    /// Line of the opening fence.
    var fenceLine: Int
    var lines: [String] = []
    /// File line of `lines[0]`.
    var firstLine: Int { fenceLine + 1 }
    var text: String { lines.joined(separator: "\n") }
}

/// The fenced-block kinds that are part of the lesson format rather than prose.
let specialBlockKinds: Set<String> = ["scene", "notes", "exercises", "labels"]

/// Splits `lines` into sections, reporting unclosed fences and front matter.
func splitLesson(_ lines: [String], sink: DiagnosticSink) -> LessonSections {
    var sections = LessonSections()
    var index = 0
    if lines.first?.trimmingTrailingSpaces == "---" {
        guard let end = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingSpaces == "---" }) else {
            sink.error(SourceLocation(line: 1), "the front matter that starts here has no closing '---' line")
            return sections
        }
        sections.frontMatter = (lines[1..<end].joined(separator: "\n"), 2)
        index = end + 1
    } else {
        sink.error(SourceLocation(line: 1), "a lesson starts with front matter: a '---' line, 'title: …' and friends, then another '---' line")
    }

    // Fence state: the opening fence's marker (``` or ~~~ run), and whether the block is special.
    var openFence: (opening: Fence, line: Int, special: Bool)?
    var currentBlock: RawBlock?
    while index < lines.count {
        let line = lines[index]
        let lineNumber = index + 1
        index += 1
        if let fence = openFence {
            if fence.opening.isClosed(by: line) {
                openFence = nil
                if fence.special, let block = currentBlock {
                    sections.appendBlock(block)
                    currentBlock = nil
                    continue
                }
            } else if fence.special, let block = currentBlock, startsSomethingNew(line, inside: block.kind) {
                // A step heading or another block's fence inside a scene means its closing fence
                // is missing. Said here, at the opening fence, rather than as a YAML error lines
                // later in text that was never meant to be YAML; the line then counts as what it is.
                sink.error(SourceLocation(line: fence.line),
                           "the '\(block.kind)' block that starts here is never closed: add a line with \(fence.opening.marker) before line \(lineNumber)")
                openFence = nil
                currentBlock = nil
            } else if fence.special {
                currentBlock?.lines.append(line)
                if currentBlock?.kind == "notes" { checkProse(line, lineNumber, sink) }
                continue
            } else {
                sections.appendProse(line)
                continue
            }
            if !fence.special {
                sections.appendProse(line)  // the closing fence of a prose code block
                continue
            }
        }
        if let opening = Fence(opening: line) {
            let kind = opening.kind
            let special = specialBlockKinds.contains(kind)
            openFence = (opening, lineNumber, special)
            if special {
                if sections.steps.isEmpty {
                    sink.error(SourceLocation(line: lineNumber), "a '\(kind)' block must be inside a step: put a '## ' heading above it")
                }
                currentBlock = RawBlock(kind: kind, fenceLine: lineNumber)
            } else {
                sections.appendProse(line)
            }
            continue
        }
        if line.hasPrefix("## ") || line == "##" {
            let title = String(line.dropFirst(2)).trimmedOf(" \t")
            if title.isEmpty { sink.error(SourceLocation(line: lineNumber), "a step heading needs a title after '## '") }
            sections.steps.append(RawStep(title: title, line: lineNumber))
            checkProse(title, lineNumber, sink)
            continue
        }
        sections.appendProse(line)
        checkProse(line, lineNumber, sink)
    }
    if let fence = openFence {
        let what = currentBlock.map { "the '\($0.kind)' block that starts here" } ?? "this code block"
        sink.error(SourceLocation(line: fence.line), "\(what) is never closed: add a line with \(fence.opening.marker) at its end")
    }
    return sections
}

/// Whether `line` can only be the start of something after a block: a fence that opens another
/// special block (```` ```scene ````, ```` ```notes ````, …), or in a YAML block a `## ` step
/// heading (notes are Markdown and may have headings of their own).
private func startsSomethingNew(_ line: String, inside kind: String) -> Bool {
    if line.hasPrefix("## ") { return kind != "notes" }
    guard let opening = Fence(opening: line) else { return false }
    return specialBlockKinds.contains(opening.kind)
}

/// Reports what `proseLineProblems` finds in one line of prose, at that line.
private func checkProse(_ line: String, _ lineNumber: Int, _ sink: DiagnosticSink) {
    for problem in proseLineProblems(line) { sink.error(SourceLocation(line: lineNumber), problem) }
}

extension LessonSections {
    mutating func appendProse(_ line: String) {
        if steps.isEmpty { introduction.append(line) } else { steps[steps.count - 1].prose.append(line) }
    }

    mutating func appendBlock(_ block: RawBlock) {
        guard !steps.isEmpty else { return }
        steps[steps.count - 1].blocks.append(block)
    }
}

extension StringProtocol {
    var trimmingTrailingSpaces: String {
        String(self.reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    func trimmedOf(_ set: String) -> String {
        let chars = Set(set)
        let start = self.drop(while: { chars.contains($0) })
        return String(start.reversed().drop(while: { chars.contains($0) }).reversed())
    }
}
