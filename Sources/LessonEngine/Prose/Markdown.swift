/// The kind of a run of inline prose text.
public enum ProseSpanKind: String, Hashable, Sendable {
    case text
    /// `*x*` or `_x_`: drawn in italics.
    case emphasis
    /// `**x**`: drawn in bold.
    case strong
    /// `` `x` ``: drawn in the code colour, never reflowed inside.
    case code
    /// `$x$`: LaTeX source, turned into Unicode by `renderInlineMath` when laid out.
    case math
}

/// A run of inline text of one kind.
public struct ProseSpan: Hashable, Sendable, CustomStringConvertible {
    public var kind: ProseSpanKind
    public var text: String

    public init(_ kind: ProseSpanKind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    public static func text(_ text: String) -> ProseSpan { ProseSpan(.text, text) }

    public var description: String { kind == .text ? text : "\(kind.rawValue)(\(text))" }
}

/// One block of lesson prose.
///
/// Deliberately a small subset of Markdown: lesson text is written by us, so anything beyond
/// headings, paragraphs, lists, code and maths would only be a chance to render badly.
public enum ProseBlock: Hashable, Sendable {
    case heading(level: Int, spans: [ProseSpan])
    case paragraph([ProseSpan])
    case bulletList([[ProseSpan]])
    /// Items of a numbered list; `start` is the number of the first item.
    case numberedList(start: Int, items: [[ProseSpan]])
    /// A fenced code block, kept verbatim (without the fences).
    case codeBlock(String)
    /// One or more blank lines in the source, kept so layout can separate blocks the way the author did.
    case blank
}

/// Parses lesson Markdown into blocks.
///
/// Understands ATX headings (`#`…`######`), paragraphs (consecutive lines are joined with a
/// space), `-`/`*`/`+` bullet lists, `1.`/`1)` numbered lists (indented or lazy continuation
/// lines join the item), fenced code (```` ``` ```` or `~~~`), and display maths `$$…$$`, which
/// becomes a paragraph holding a single `.math` span. Runs of blank lines become one `.blank`;
/// none is emitted at the start or the end.
public func parseProse(_ markdown: String) -> [ProseBlock] {
    var parser = BlockParser(lines: markdown.split(separator: "\n", omittingEmptySubsequences: false).map {
        String($0.hasSuffix("\r") ? $0.dropLast() : $0)
    })
    return parser.parse()
}

/// Line-oriented block parser; one pass, no backtracking beyond the current line.
private struct BlockParser {
    let lines: [String]
    var index = 0
    var blocks: [ProseBlock] = []
    var paragraph: [String] = []
    var listItems: [String] = []
    var listOrdered = false
    var listStart = 1

    init(lines: [String]) { self.lines = lines }

    mutating func parse() -> [ProseBlock] {
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.proseTrimmed()
            index += 1

            if trimmed.isEmpty {
                flush()
                if let last = blocks.last, last != .blank { blocks.append(.blank) }
                continue
            }
            if let fence = Fence(opening: line) {
                flush()
                blocks.append(.codeBlock(readFence(fence, indent: leadingSpaces(line))))
                continue
            }
            if trimmed.hasPrefix("$$") {
                flush()
                blocks.append(.paragraph([ProseSpan(.math, readDisplayMath(firstLine: trimmed))]))
                continue
            }
            if let (level, text) = heading(trimmed) {
                flush()
                blocks.append(.heading(level: level, spans: parseProseSpans(text)))
                continue
            }
            if let (ordered, number, text) = listMarker(trimmed) {
                flushParagraph()
                if !listItems.isEmpty && ordered != listOrdered { flushList() }
                if listItems.isEmpty {
                    listOrdered = ordered
                    listStart = number
                }
                listItems.append(text)
                continue
            }
            if !listItems.isEmpty {
                // A lazy or indented continuation of the last list item.
                listItems[listItems.count - 1] += " " + trimmed
                continue
            }
            paragraph.append(trimmed)
        }
        flush()
        if blocks.last == .blank { blocks.removeLast() }
        return blocks
    }

    mutating func flush() {
        flushParagraph()
        flushList()
    }

    mutating func flushParagraph() {
        guard !paragraph.isEmpty else { return }
        blocks.append(.paragraph(parseProseSpans(paragraph.joined(separator: " "))))
        paragraph = []
    }

    mutating func flushList() {
        guard !listItems.isEmpty else { return }
        let items = listItems.map(parseProseSpans)
        blocks.append(listOrdered ? .numberedList(start: listStart, items: items) : .bulletList(items))
        listItems = []
    }

    /// Reads lines up to the closing fence; the opening line's indentation is removed from each.
    mutating func readFence(_ fence: Fence, indent: Int) -> String {
        var body: [String] = []
        while index < lines.count {
            let line = lines[index]
            index += 1
            if fence.isClosed(by: line) { break }
            body.append(String(line.dropFirst(min(indent, leadingSpaces(line)))))
        }
        return body.joined(separator: "\n")
    }

    /// Reads `$$ … $$`, on one line or several; the result is the LaTeX between the markers.
    mutating func readDisplayMath(firstLine: String) -> String {
        var text = String(firstLine.dropFirst(2))
        if let end = displayMathEnd(text) { return String(text[..<end]).proseTrimmed() }
        while index < lines.count {
            let line = lines[index].proseTrimmed()
            index += 1
            if let end = displayMathEnd(line) {
                text += " " + line[..<end]
                break
            }
            text += " " + line
        }
        return text.proseTrimmed()
    }
}

/// Where the closing `$$` starts in `line`, if it has one.
private func displayMathEnd(_ line: String) -> String.Index? {
    var i = line.startIndex
    while i < line.endIndex {
        let next = line.index(after: i)
        if line[i] == "$", next < line.endIndex, line[next] == "$" { return i }
        i = next
    }
    return nil
}

private func heading(_ line: String) -> (Int, String)? {
    let hashes = line.prefix { $0 == "#" }.count
    guard (1...6).contains(hashes) else { return nil }
    let rest = line.dropFirst(hashes)
    guard rest.isEmpty || rest.first == " " else { return nil }
    // A closing run of #s is decoration, as in CommonMark.
    var text = rest.proseTrimmed()
    while text.hasSuffix("#") { text.removeLast() }
    return (hashes, text.proseTrimmed())
}

/// `- x`, `* x`, `+ x` → (false, 1, "x"); `3. x` or `3) x` → (true, 3, "x").
private func listMarker(_ line: String) -> (Bool, Int, String)? {
    if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
        return (false, 1, line.dropFirst(2).proseTrimmed())
    }
    let digits = line.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 9 else { return nil }
    let rest = line.dropFirst(digits.count)
    guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " else { return nil }
    return (true, Int(digits) ?? 1, rest.dropFirst(2).proseTrimmed())
}

private func leadingSpaces(_ line: String) -> Int { line.prefix { $0 == " " || $0 == "\t" }.count }

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func proseTrimmed() -> String {
        var slice = Substring(self)
        while let c = slice.first, c == " " || c == "\t" { slice.removeFirst() }
        while let c = slice.last, c == " " || c == "\t" { slice.removeLast() }
        return String(slice)
    }
}
