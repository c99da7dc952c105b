/// Values from a lesson file, made safe to put in a one-line message.
///
/// A diagnostic is one line, `file:line:column: error: …`, so editors can jump to it and scripts
/// can split on newlines. A YAML block scalar or a fuzzed file can hand us a value with line
/// breaks, tabs or other control characters; echoed raw, the message's second half would arrive
/// on a line of its own, with no location. These helpers escape and shorten such values.
enum MessageText {
    /// Longest value echoed into a message, in characters; longer ones end in "…".
    static let maximumValueLength = 40

    /// `text` in single quotes, escaped (`\n`, `\t`, `\u{1b}`) and shortened.
    static func quoted(_ text: some StringProtocol) -> String {
        let shortened = text.count > maximumValueLength ? String(text.prefix(maximumValueLength)) + "…" : String(text)
        return "'" + escaped(shortened) + "'"
    }

    /// `text` with every line break and control character written as an escape, so it stays on one line.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if needsEscape(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{2028}" || s == "\u{2029}"
    }
}
