import Foundation
import ModelFormats

/// Byte-level BPE (GPT-2 style) as a GGUF declares it: `tokenizer.ggml.tokens`, `.merges`,
/// `.token_type` (3 = control tokens, matched whole in the text) and `.pre` (the pre-tokenizer).
///
/// Pipeline: split out special tokens → pre-tokenize (for "smollm": each digit alone, then GPT-2's
/// regex `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`) → map each
/// UTF-8 byte to a printable character → apply merges in rank order → ids.
public final class ByteLevelBPETokenizer: TextTokenizer, @unchecked Sendable {
    public let vocabulary: [String]
    public let specialIDs: [Int]
    public let preTokenizer: String
    public let bosID: Int?
    public let eosID: Int?
    /// (left id << 32 | right id) → (rank, merged id).
    private let merges: [UInt64: (rank: Int32, id: Int32)]
    /// The id of each single byte's character (−1: none).
    private let byteIDs: [Int32]
    private let specials: [(scalars: [Unicode.Scalar], id: Int)]
    private let decodeTable: [Unicode.Scalar: UInt8]
    private var cache: [[UInt8]: [Int32]] = [:]
    private let lock = NSLock()

    /// Pre-tokenizers attn implements (llama.cpp's names).
    public static let supportedPreTokenizers = ["smollm", "gpt2", "default"]

    public init(gguf: GGUFFile) throws {
        let file = gguf.path
        guard gguf.metadata["tokenizer.ggml.model"]?.string == "gpt2" else {
            throw ModelFileError(file, "tokenizer.ggml.model is \(gguf.metadata["tokenizer.ggml.model"]?.string ?? "missing"), not gpt2 (byte-level BPE)")
        }
        guard let tokens = gguf.metadata["tokenizer.ggml.tokens"]?.array?.compactMap(\.string), !tokens.isEmpty else {
            throw ModelFileError(file, "tokenizer.ggml.tokens is missing or not a list of strings")
        }
        guard let mergeList = gguf.metadata["tokenizer.ggml.merges"]?.array?.compactMap(\.string) else {
            throw ModelFileError(file, "tokenizer.ggml.merges is missing")
        }
        let types = gguf.metadata["tokenizer.ggml.token_type"]?.array?.compactMap(\.int) ?? []
        preTokenizer = gguf.metadata["tokenizer.ggml.pre"]?.string ?? "default"
        guard Self.supportedPreTokenizers.contains(preTokenizer) else {
            throw ModelFileError(file, "pre-tokenizer \(preTokenizer) is not one attn implements (\(Self.supportedPreTokenizers.joined(separator: ", ")))")
        }
        vocabulary = tokens
        var ids: [[UInt8]: Int32] = [:]
        for (i, t) in tokens.enumerated() where ids[Array(t.utf8)] == nil { ids[Array(t.utf8)] = Int32(i) }
        // GPT-2's byte ↔ character table: printable Latin-1 bytes map to themselves, the rest to U+0100….
        var table = [Unicode.Scalar](repeating: " ", count: 256)
        var n: UInt32 = 0
        for b in 0..<256 {
            if (33...126).contains(b) || (161...172).contains(b) || (174...255).contains(b) {
                table[b] = Unicode.Scalar(UInt32(b))!
            } else {
                table[b] = Unicode.Scalar(256 + n)!
                n += 1
            }
        }
        var decode: [Unicode.Scalar: UInt8] = [:]
        for b in 0..<256 { decode[table[b]] = UInt8(b) }
        decodeTable = decode
        // A byte without a token (SmolLM2 has none for some control bytes) is dropped, as
        // `tokenizers`' BPE does without an unknown token.
        byteIDs = (0..<256).map { ids[Array(String(table[$0]).utf8)] ?? -1 }
        byteTable = table
        var m: [UInt64: (Int32, Int32)] = [:]
        m.reserveCapacity(mergeList.count)
        for (rank, line) in mergeList.enumerated() {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let a = ids[Array(parts[0].utf8)], let b = ids[Array(parts[1].utf8)],
                  let ab = ids[Array(parts[0].utf8) + Array(parts[1].utf8)] else { continue }
            let key = UInt64(UInt32(a)) << 32 | UInt64(UInt32(b))
            if m[key] == nil { m[key] = (Int32(rank), ab) }
        }
        merges = m.mapValues { (rank: $0.0, id: $0.1) }
        let special = types.enumerated().filter { $0.element == 3 }.map(\.offset).filter { $0 < tokens.count }
        specialIDs = special
        specials = special.map { (Array(tokens[$0].unicodeScalars), $0) }.sorted { $0.0.count > $1.0.count }
        bosID = gguf.metadata["tokenizer.ggml.bos_token_id"]?.int
        eosID = gguf.metadata["tokenizer.ggml.eos_token_id"]?.int
    }

    private let byteTable: [Unicode.Scalar]

    public func piece(_ id: Int) -> String { vocabulary.indices.contains(id) ? vocabulary[id] : "" }

    public func text(_ id: Int) -> String { String(decoding: bytes(id), as: UTF8.self) }

    /// The bytes a token stands for (a special token stands for its own text).
    public func bytes(_ id: Int) -> [UInt8] {
        let p = piece(id)
        if specialIDs.contains(id) { return Array(p.utf8) }
        return p.unicodeScalars.compactMap { decodeTable[$0] }
    }

    /// The text of a run of ids, decoded together so multi-byte characters come out whole.
    public func decode(_ ids: [Int]) -> String { String(decoding: ids.flatMap(bytes), as: UTF8.self) }

    public func tokenize(_ text: String) -> [Token] {
        encode(text).map { Token(id: $0, piece: piece($0), text: self.text($0)) }
    }

    public func encode(_ text: String) -> [Int] {
        let s = Array(text.unicodeScalars)
        var out: [Int] = []
        var start = 0, i = 0
        // pass 1: special tokens, leftmost then longest.
        while i < s.count {
            if let sp = specials.first(where: { $0.scalars.count <= s.count - i && Array(s[i..<(i + $0.scalars.count)]) == $0.scalars }) {
                encodeOrdinary(s[start..<i], into: &out)
                out.append(sp.id)
                i += sp.scalars.count
                start = i
            } else {
                i += 1
            }
        }
        encodeOrdinary(s[start..<s.count], into: &out)
        return out
    }

    private func encodeOrdinary(_ s: ArraySlice<Unicode.Scalar>, into out: inout [Int]) {
        guard !s.isEmpty else { return }
        // pass 2: digits alone (smollm), then the byte-level regex on each part.
        var parts: [ArraySlice<Unicode.Scalar>] = []
        if preTokenizer == "smollm" {
            var start = s.startIndex
            for i in s.indices where CharClass.isNumber(s[i]) {
                if start < i { parts.append(s[start..<i]) }
                parts.append(s[i...i])
                start = i + 1
            }
            if start < s.endIndex { parts.append(s[start..<s.endIndex]) }
        } else {
            parts = [s]
        }
        for part in parts {
            for piece in Self.regexSplit(part) { out.append(contentsOf: bpe(piece).map(Int.init)) }
        }
    }

    /// GPT-2's pre-tokenizer regex, written out as a scanner over scalars.
    static func regexSplit(_ s: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
        var out: [ArraySlice<Unicode.Scalar>] = []
        var i = s.startIndex
        let n = s.endIndex
        func isOtherClass(_ c: Unicode.Scalar) -> Bool { !CharClass.isWhitespace(c) && !CharClass.isLetter(c) && !CharClass.isNumber(c) }
        while i < n {
            let c = s[i]
            // 's 't 're 've 'm 'll 'd
            if c == "'", i + 1 < n {
                let a = s[i + 1], b: Unicode.Scalar? = i + 2 < n ? s[i + 2] : nil
                if a == "s" || a == "t" || a == "m" || a == "d" { out.append(s[i..<(i + 2)]); i += 2; continue }
                if (a == "r" && b == "e") || (a == "v" && b == "e") || (a == "l" && b == "l") { out.append(s[i..<(i + 3)]); i += 3; continue }
            }
            // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`
            let j = (c == " " && i + 1 < n) ? i + 1 : i
            var matched = false
            for cls in [CharClass.isLetter, CharClass.isNumber, isOtherClass] where cls(s[j]) {
                var k = j
                while k < n && cls(s[k]) { k += 1 }
                out.append(s[i..<k])
                i = k
                matched = true
                break
            }
            if matched { continue }
            // `\s+(?!\S)` then `\s+`
            var k = i
            while k < n && CharClass.isWhitespace(s[k]) { k += 1 }
            if k == i { out.append(s[i...i]); i += 1; continue }  // unreachable: every scalar is in some class
            if k < n && k - i >= 2 { k -= 1 }
            out.append(s[i..<k])
            i = k
        }
        return out
    }

    /// Merges one pre-token's byte symbols, lowest rank first.
    private func bpe(_ piece: ArraySlice<Unicode.Scalar>) -> [Int32] {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: piece)
        // Keyed by bytes: `String` keys would merge canonically equivalent pieces ("é" and "e\u{301}").
        let key = Array(String(view).utf8)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        lock.unlock()
        var symbols = key.map { byteIDs[Int($0)] }.filter { $0 >= 0 }
        while symbols.count > 1 {
            var best: (rank: Int32, at: Int, id: Int32)? = nil
            for p in 0..<(symbols.count - 1) {
                if let m = merges[UInt64(UInt32(symbols[p])) << 32 | UInt64(UInt32(symbols[p + 1]))], m.rank < (best?.rank ?? .max) {
                    best = (m.rank, p, m.id)
                }
            }
            guard let b = best else { break }
            // Merge every occurrence of this pair, left to right.
            let (l, r) = (symbols[b.at], symbols[b.at + 1])
            var merged: [Int32] = []
            merged.reserveCapacity(symbols.count)
            var p = 0
            while p < symbols.count {
                if p + 1 < symbols.count && symbols[p] == l && symbols[p + 1] == r { merged.append(b.id); p += 2 } else { merged.append(symbols[p]); p += 1 }
            }
            symbols = merged
        }
        lock.lock()
        if cache.count < 100_000 { cache[key] = symbols }
        lock.unlock()
        return symbols
    }
}
