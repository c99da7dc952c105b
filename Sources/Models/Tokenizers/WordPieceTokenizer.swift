import Foundation

/// BERT's tokenizer: BasicTokenizer (clean, CJK split, accent strip, lower-case, split on spaces and
/// punctuation), then greedy longest-match-first WordPiece, wrapped in [CLS] … [SEP].
///
/// Follows Hugging Face `tokenizers`' BertNormalizer + BertPreTokenizer + WordPiece, which the
/// tests compare against on scripts/tokenizer_sentences.json.
public struct WordPieceTokenizer: TextTokenizer {
    /// Vocabulary entries by id.
    public let vocabulary: [String]
    /// Ids by UTF-8 bytes (not by `String`, whose equality is canonical equivalence, unlike Rust's).
    private let ids: [[UInt8]: Int]
    public let unknownID: Int
    public let clsID: Int
    public let sepID: Int
    public var lowercase = true
    public var maxCharsPerWord = 100

    /// Reads a vocab.txt: one entry per line, the line number is the id.
    public init(vocabFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ModelError("\(path): cannot read the WordPiece vocabulary")
        }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        try self.init(vocabulary: lines.map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 })
    }

    public init(vocabulary: [String]) throws {
        self.vocabulary = vocabulary
        var ids: [[UInt8]: Int] = [:]
        for (i, t) in vocabulary.enumerated() where ids[Array(t.utf8)] == nil { ids[Array(t.utf8)] = i }
        self.ids = ids
        func need(_ t: String) throws -> Int {
            guard let i = ids[Array(t.utf8)] else { throw ModelError("the WordPiece vocabulary has no \(t)") }
            return i
        }
        unknownID = try need("[UNK]")
        clsID = try need("[CLS]")
        sepID = try need("[SEP]")
    }

    public func piece(_ id: Int) -> String { vocabulary.indices.contains(id) ? vocabulary[id] : "" }
    public func text(_ id: Int) -> String {
        let p = piece(id)
        return p.hasPrefix("##") ? String(p.dropFirst(2)) : p
    }

    public func tokenize(_ text: String) -> [Token] {
        var out = [token(clsID)]
        for word in basicTokens(text) {
            for id in wordPiece(word) { out.append(token(id)) }
        }
        out.append(token(sepID))
        return out
    }

    private func token(_ id: Int) -> Token { Token(id: id, piece: piece(id), text: text(id)) }

    /// Normalisation and splitting: the words WordPiece sees, as scalar arrays.
    func basicTokens(_ text: String) -> [[Unicode.Scalar]] {
        // pass 1: drop NUL, U+FFFD and control characters; whitespace becomes ' '; pad CJK ideographs.
        var cleaned = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if c.value == 0 || c.value == 0xFFFD { continue }
            let ws = c == "\t" || c == "\n" || c == "\r" || CharClass.isWhitespace(c)
            if !ws && CharClass.isOther(c) { continue }
            if ws { cleaned.append(" ") } else if Self.isCJK(c) { cleaned.append(" "); cleaned.append(c); cleaned.append(" ") } else { cleaned.append(c) }
        }
        // pass 2: strip accents (NFD, drop non-spacing marks), then lower-case.
        var normal: [Unicode.Scalar] = []
        if lowercase {
            for c in String(cleaned).decomposedStringWithCanonicalMapping.unicodeScalars where c.properties.generalCategory != .nonspacingMark {
                normal.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
            }
        } else {
            normal = Array(cleaned)
        }
        // pass 3: split on whitespace, isolate punctuation.
        var words: [[Unicode.Scalar]] = []
        var current: [Unicode.Scalar] = []
        for c in normal {
            if CharClass.isWhitespace(c) {
                if !current.isEmpty { words.append(current); current = [] }
            } else if Self.isASCIIPunctuation(c) || CharClass.isPunctuation(c) {
                if !current.isEmpty { words.append(current); current = [] }
                words.append([c])
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Greedy longest-match-first; a word with any unmatched part becomes [UNK].
    func wordPiece(_ word: [Unicode.Scalar]) -> [Int] {
        if word.count > maxCharsPerWord { return [unknownID] }
        let utf8 = word.map { Array(String($0).utf8) }
        var pieces: [Int] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int?
            while end > start {
                var key: [UInt8] = start > 0 ? [35, 35] : []  // "##"
                for k in start..<end { key += utf8[k] }
                if let id = ids[key] { found = id; break }
                end -= 1
            }
            guard let id = found else { return [unknownID] }
            pieces.append(id)
            start = end
        }
        return pieces
    }

    static func isASCIIPunctuation(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v)
    }

    static func isCJK(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F: true
        default: false
        }
    }
}
