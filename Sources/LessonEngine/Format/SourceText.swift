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

    /// Whether the text of a lesson or translation file is over `maximumBytes`, reported to `sink`
    /// on line 1 when it is: the parsers' own gate, for text that did not come through `decode`.
    static func isTooLarge(_ source: String, sink: DiagnosticSink) -> Bool {
        guard source.utf8.count > maximumBytes else { return false }
        sink.error(SourceLocation(line: 1), FormatProblem.fileTooLarge(bytes: source.utf8.count, limit: maximumBytes))
        return true
    }

    /// The text of `data`, or a diagnostic saying why it cannot be read as a lesson.
    static func decode(_ data: Data, file: String) -> Result<String, LessonDiagnostic> {
        if data.count > maximumBytes {
            return .failure(LessonDiagnostic(
                file: file, line: 1, problem: .format(.fileTooLarge(bytes: data.count, limit: maximumBytes))))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            let location = firstInvalidUTF8(in: data)
            return .failure(LessonDiagnostic(
                file: file, at: location, .format(.notUTF8)))
        }
        // Some Windows editors start UTF-8 files with a byte-order mark; it is not content.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if let location = firstControlCharacter(in: text) {
            return .failure(LessonDiagnostic(
                file: file, at: location,
                .format(.controlCharacter)))
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

/// The one way lesson text is read, for `validate`, `print`, `eval` and the explorer alike: a
/// path that is not a file is refused in words, at most `SourceText.maximumBytes` are read (from
/// a file, a pipe or standard input, so `< /dev/zero` stops at the limit), and the bytes go
/// through `SourceText.decode` (UTF-8, no control characters such as NUL).
public enum LessonSource {
    /// The text of the lesson file at `url`, or a diagnostic saying why it cannot be one.
    public static func read(_ url: URL) -> Result<String, LessonDiagnostic> {
        let file = url.path
        var info = stat()
        guard stat(file, &info) == 0 else {
            let problem: FormatProblem = errno == ENOENT ? .noSuchFile : .cannotRead(reason: String(cString: strerror(errno)))
            return .failure(LessonDiagnostic(file: file, line: 1, problem: .format(problem)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK:
            break
        case S_IFDIR:
            return .failure(LessonDiagnostic(file: file, line: 1, problem: .format(.isFolder)))
        default:
            return .failure(LessonDiagnostic(file: file, line: 1, problem: .format(.isDevice)))
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            return .failure(LessonDiagnostic(file: file, line: 1, problem: .format(.cannotRead(reason: String(cString: strerror(errno))))))
        }
        defer { try? handle.close() }
        return read(handle, name: file)
    }

    /// At most `SourceText.maximumBytes` + 1 bytes from `handle` (standard input, a pipe), decoded.
    public static func read(_ handle: FileHandle, name: String) -> Result<String, LessonDiagnostic> {
        var data = Data()
        let limit = SourceText.maximumBytes
        while data.count <= limit {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: min(64 << 10, limit + 1 - data.count)) ?? Data()
            } catch {
                return .failure(LessonDiagnostic(file: name, line: 1, problem: .format(.cannotRead(reason: error.localizedDescription))))
            }
            if chunk.isEmpty { break }
            data.append(chunk)
        }
        if data.count > limit {
            return .failure(LessonDiagnostic(file: name, line: 1, problem: .format(.inputTooLarge(limit: limit))))
        }
        return SourceText.decode(data, file: name)
    }
}
