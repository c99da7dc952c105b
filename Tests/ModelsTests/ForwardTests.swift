import AttentionKernel
import Foundation
import ModelFormats
import XCTest
@testable import Models

/// Max |a − b| and its index.
func maxDiff(_ a: [Float], _ b: [Double]) -> (Double, Int) {
    var worst = 0.0, at = -1
    for i in 0..<min(a.count, b.count) {
        let d = abs(Double(a[i]) - b[i])
        if d > worst || d.isNaN { worst = d; at = i }
    }
    return (a.count == b.count ? worst : .infinity, at)
}

func assertAgrees(_ a: [Float], _ b: [Double], atol: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    let (d, at) = maxDiff(a, b)
    print("\(what): max |diff| = \(String(format: "%.3g", d)) over \(b.count) values")
    XCTAssertLessThanOrEqual(d, atol, "\(what): max |diff| \(d) at \(at) (counts \(a.count) vs \(b.count))", file: file, line: line)
}

func cosine(_ a: [Float], _ b: [Double]) -> Double {
    var ab = 0.0, aa = 0.0, bb = 0.0
    for i in 0..<min(a.count, b.count) { ab += Double(a[i]) * b[i]; aa += Double(a[i]) * Double(a[i]); bb += b[i] * b[i] }
    return ab / (aa.squareRoot() * bb.squareRoot())
}

func loadJSON(_ path: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
}

/// The tiny random models scripts/model_reference.py writes, against its PyTorch outputs.
final class TinyForwardTests: XCTestCase {
    func testTinyBertMatchesPyTorch() throws {
        let ref = try loadJSON(modelsFixture("tiny_reference.json"))["bert"] as! [String: Any]
        let m = try BertModel(directory: modelsFixture("tiny-bert"))
        XCTAssertEqual(m.config.layerNormEps, 1e-12)
        let out = try m.forward(ids: ref["ids"] as! [Int])
        assertAgrees(out.hidden.scalars, ref["hidden"] as! [Double], atol: 1e-4, "tiny BERT hidden")
        for (i, s) in (ref["states"] as! [[Double]]).enumerated() { assertAgrees(out.hiddenStates[i].scalars, s, atol: 1e-4, "tiny BERT state \(i)") }
        assertAgrees(out.attentions.flatMap { $0.flatMap(\.scalars) }, ref["attentions"] as! [Double], atol: 1e-4, "tiny BERT attentions")
        XCTAssertGreaterThanOrEqual(cosine(out.embedding, ref["embedding"] as! [Double]), 0.9999)
    }

    func testTinyLlamaMatchesPyTorch() throws {
        let ref = try loadJSON(modelsFixture("tiny_reference.json"))["llama"] as! [String: Any]
        let m = try LlamaModel(gguf: GGUFFile(path: modelsFixture("tiny-llama.gguf")))
        XCTAssertEqual(m.config.numKVHeads, 2)
        let ids = ref["ids"] as! [Int]
        let s = try m.session()
        let logits = try s.append(ids)
        assertAgrees(logits, ref["logits"] as! [Double], atol: 1e-4, "tiny Llama logits")
        assertAgrees(s.lastHidden, ref["hidden"] as! [Double], atol: 1e-4, "tiny Llama hidden")
        let maps = (0..<2).flatMap { l in (0..<4).flatMap { h in s.attentionMap(layer: l, head: h).scalars } }
        assertAgrees(maps, ref["attentions"] as! [Double], atol: 1e-4, "tiny Llama attentions")
        // Greedy generation through the KV cache equals the reference's full recomputation.
        var sampler = Sampler(.greedy)
        var next = sampler.next(logits)
        var all = ids
        for _ in 0..<6 {
            all.append(next)
            next = sampler.next(try s.append([next]))
        }
        XCTAssertEqual(all, ref["greedy"] as! [Int])
        // Prompt processed token by token through the cache gives the same maps as all at once.
        let s2 = try m.session()
        for id in ids { try s2.append([id]) }
        assertAgrees((0..<2).flatMap { l in (0..<4).flatMap { h in s2.attentionMap(layer: l, head: h).scalars } }, maps.map(Double.init), atol: 1e-5, "cached vs whole prompt")
    }

    /// The quantised kernel (blocks kept in the file) and the dequantise-at-load path agree.
    func testQuantisedAndDequantisedPathsAgree() throws {
        let g = try GGUFFile(path: modelsFixture("tiny-llama.gguf"))
        let q = try LlamaModel(gguf: g), f = try LlamaModel(gguf: g, keepQuantized: false)
        // Two tokens (the kernel's batched path), then single tokens (its one-row path).
        let sq = try q.session(), sf = try f.session()
        assertAgrees(try sq.append([3, 9]), try sf.append([3, 9]).map(Double.init), atol: 1e-4, "2-token prompt, quantised vs Float32 weights")
        for id in [27, 50, 1] {
            assertAgrees(try sq.append([id]), try sf.append([id]).map(Double.init), atol: 1e-4, "decoding step, quantised vs Float32 weights")
        }
    }

    func testSeededTopKIsReproducible() {
        let logits: [Float] = [0.1, 2, 1.9, -1, 1.8]
        var a = Sampler(.topK(k: 3, temperature: 1, seed: 7)), b = Sampler(.topK(k: 3, temperature: 1, seed: 7))
        let xs = (0..<50).map { _ in a.next(logits) }
        XCTAssertEqual(xs, (0..<50).map { _ in b.next(logits) })
        XCTAssertEqual(Set(xs), [1, 2, 4])
        var g = Sampler(.greedy)
        XCTAssertEqual(g.next(logits), 1)
    }
}
