import AttentionKernel
import Foundation
import XCTest
@testable import Models

/// The installed MiniLM and SmolLM2 against scripts/model_reference.py's PyTorch outputs
/// (real_reference.json). In CI (CI=true) a missing model fails the test instead of skipping it.
final class RealModelTests: XCTestCase {
    func requireInstalled(_ spec: ModelSpec) throws {
        do {
            _ = try ModelStore.standard.requireInstalled(spec)
        } catch {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("CI must install the models first (\(error))")
                throw error
            }
            throw XCTSkip("\(error)")
        }
    }

    func testMiniLMMatchesPyTorch() throws {
        try requireInstalled(ModelCatalog.minilm)
        let ref = try loadJSON(modelsFixture("real_reference.json"))["minilm"] as! [String: Any]
        let m = try MiniLM.installed()
        let (tokens, out) = try m.run(ref["text"] as! String)
        XCTAssertEqual(tokens.map(\.id), ref["ids"] as! [Int])
        assertAgrees(out.hidden.scalars, ref["hidden"] as! [Double], atol: 1e-4, "MiniLM last hidden state")
        assertAgrees(out.attentions.flatMap { $0.flatMap(\.scalars) }, ref["attentions"] as! [Double], atol: 1e-4, "MiniLM attentions")
        let c = cosine(out.embedding, ref["embedding"] as! [Double])
        print("MiniLM sentence embedding cosine = \(c)")
        XCTAssertGreaterThanOrEqual(c, 0.9999)
    }

    func testSmolLM2MatchesPyTorch() throws {
        try requireInstalled(ModelCatalog.smollm2)
        let ref = try loadJSON(modelsFixture("real_reference.json"))["smollm2"] as! [String: Any]
        let m = try SmolLM2.installed()
        let greedy = ref["greedy"] as! [Int]
        let (prompt, generated, s) = try m.generate(ref["text"] as! String, count: greedy.count, sampling: .greedy)
        XCTAssertEqual(prompt.map(\.id), ref["ids"] as! [Int])
        XCTAssertEqual(generated.map(\.id), greedy, "greedy continuation: \(m.tokenizer.decode(generated.map(\.id)).debugDescription) vs \((ref["greedy_text"] as! String).debugDescription)")
        let T = prompt.count, c = m.model.config
        var maps: [Float] = []
        for l in 0..<c.numLayers {
            for h in 0..<c.numHeads {
                let full = s.attentionMap(layer: l, head: h)
                for i in 0..<T { maps += full.row(i)[0..<T] }
            }
        }
        assertAgrees(maps, ref["attentions"] as! [Double], atol: 1e-4, "SmolLM2 prompt attentions")
        let s2 = try m.model.session()
        try s2.append(prompt.map(\.id))
        assertAgrees(s2.lastHidden, ref["hidden"] as! [Double], atol: 1e-4, "SmolLM2 final hidden (last prompt token)")
    }
}
