import Foundation

/// Turning the bytes of a lesson file into text the parser can trust.
///
/// Lesson files come from instructors' editors and from anything a learner passes to
/// `attn validate`, so this is the gate that refuses what the parsers should never see:
/// files over the size limit, bytes that are not UTF-8, and control characters (a binary file
/// usually fails here first).
enum SourceText {
    /// Lessons are a few kilobytes; anything over this is not a lesson and would only make the
    /// YAML parser slow.
    static let maximumBytes = 1 << 20

    /// The text of `data`, or a diagnostic saying why it cannot be read as a lesson.
    static func decode(_ data: Data, file: String) -> Result<String, LessonDiagnostic> {
        if data.count > maximumBytes {
            return .failure(LessonDiagnostic(
                file: file, line: 1,
                message: "the file is \(data.count) bytes, over the \(maximumBytes)-byte limit for a lesson"))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let location = firstInvalidUTF8(in: data)
            return .failure(LessonDiagnostic(
                file: file, at: location, "the file is not UTF-8 text (save it as UTF-8)"))
        }
        // Some Windows editors start UTF-8 files with a byte-order mark; it is not content.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if let location = firstControlCharacter(in: text) {
            return .failure(LessonDiagnostic(
                file: file, at: location,
                "the file contains a control character (is it a binary file?); only tabs and line breaks are allowed"))
        }
        return .success(text)
    }

    /// Where decoding stops: the line and column of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8(in data: Data) -> SourceLocation {
        var line = 1, column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                if s == "\n" { line += 1; column = 1 } else { column += 1 }
            case .emptyInput, .error:
                return SourceLocation(line: line, column: column)
            }
        }
    }

    /// The first C0 control character other than tab, LF, CR (and DEL), if any.
    private static func firstControlCharacter(in text: String) -> SourceLocation? {
        var line = 1, column = 1
        for s in text.unicodeScalars {
            if s == "\n" { line += 1; column = 1; continue }
            if (s.value < 0x20 && s != "\t" && s != "\r") || s.value == 0x7F {
                return SourceLocation(line: line, column: column)
            }
            column += 1
        }
        return nil
    }

    /// The lines of `text`, without their line breaks.
    ///
    /// Split on Unicode scalars, not Characters: in Swift "\r\n" is one Character, so a
    /// Character split on "\n" would see a Windows file as a single line.
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var scalars = String.UnicodeScalarView(line)
            if scalars.last == "\r" { scalars.removeLast() }
            return String(scalars)
        }
    }
}
