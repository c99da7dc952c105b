import Foundation
import ModelFormats
import XCTest
@testable import Models

func modelsFixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil)!.path
}

/// Token ids agree with Hugging Face `tokenizers` on scripts/tokenizer_sentences.json
/// (reference ids written by scripts/make_tokenizer_fixtures.py).
final class TokenizerTests: XCTestCase {
    struct Reference: Decodable {
        struct Entry: Decodable { let ids: [Int]; let tokens: [String] }
        let sentences: [String]
        let minilm: [Entry]
        let smollm2: [Entry]
    }

    func reference() throws -> Reference {
        try JSONDecoder().decode(Reference.self, from: Data(contentsOf: URL(fileURLWithPath: modelsFixture("tokenizer_reference.json"))))
    }

    func testWordPieceMatchesTokenizersLibrary() throws {
        let ref = try reference()
        XCTAssertGreaterThanOrEqual(ref.sentences.count, 50)
        let tok = try WordPieceTokenizer(vocabFile: modelsFixture("minilm-vocab.txt"))
        var agree = 0
        for (s, e) in zip(ref.sentences, ref.minilm) {
            let got = tok.tokenize(s)
            if got.map(\.id) == e.ids { agree += 1 }
            XCTAssertEqual(got.map(\.id), e.ids, "ids of \(s.debugDescription)")
            XCTAssertEqual(got.map(\.piece), e.tokens, "tokens of \(s.debugDescription)")
        }
        print("WordPiece: \(agree)/\(ref.sentences.count) sentences agree with tokenizers")
    }

    func testByteLevelBPEMatchesTokenizersLibrary() throws {
        let ref = try reference()
        let tok = try ByteLevelBPETokenizer(gguf: GGUFFile(path: modelsFixture("smollm2-tokenizer.gguf")))
        XCTAssertEqual(tok.preTokenizer, "smollm")
        var agree = 0
        for (s, e) in zip(ref.sentences, ref.smollm2) {
            let got = tok.tokenize(s)
            if got.map(\.id) == e.ids { agree += 1 }
            XCTAssertEqual(got.map(\.id), e.ids, "ids of \(s.debugDescription)")
            XCTAssertEqual(got.map(\.piece), e.tokens, "tokens of \(s.debugDescription)")
            XCTAssertEqual(tok.decode(got.map(\.id)), s, "round trip of \(s.debugDescription)")
        }
        print("byte-level BPE: \(agree)/\(ref.sentences.count) sentences agree with tokenizers")
    }

    func testEmptyAndSpecial() throws {
        let bert = try WordPieceTokenizer(vocabFile: modelsFixture("minilm-vocab.txt"))
        XCTAssertEqual(bert.tokenize("").map(\.piece), ["[CLS]", "[SEP]"])
        let bpe = try ByteLevelBPETokenizer(gguf: GGUFFile(path: modelsFixture("smollm2-tokenizer.gguf")))
        XCTAssertEqual(bpe.tokenize(""), [])
        XCTAssertEqual(bpe.encode("<|im_start|>"), [1])
        XCTAssertEqual(bpe.text(bpe.encode(" capital")[0]), " capital")
    }
}
