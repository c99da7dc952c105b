import AttentionKernel
import Foundation
import XCTest

/// One case written by scripts/make_fixtures.py.
struct FixtureCase {
    let op: String
    let name: String
    let params: [String: Any]
    let inputs: [String: Tensor]
    let expected: [String: Tensor]
    let expectedBools: [String: [Bool]]
    let rawInputs: [String: Any]

    func input(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Tensor {
        try XCTUnwrap(inputs[key], "\(op)/\(name): no input \(key)", file: file, line: line)
    }

    func output(_ key: String, file: StaticString = #filePath, line: UInt = #line) throws -> Tensor {
        try XCTUnwrap(expected[key], "\(op)/\(name): no expected \(key)", file: file, line: line)
    }

    func inputBools(_ key: String) -> [Bool]? { rawInputs[key].flatMap(Fixtures.decodeBools) }

    func int(_ key: String) -> Int? { (params[key] as? NSNumber)?.intValue }
    func float(_ key: String) -> Float? { (params[key] as? NSNumber)?.floatValue }
    func bool(_ key: String) -> Bool? { (params[key] as? NSNumber)?.boolValue }
    func string(_ key: String) -> String? { params[key] as? String }
    func ints(_ key: String) -> [Int]? { (params[key] as? [NSNumber])?.map(\.intValue) }
}

enum Fixtures {
    /// All cases of one fixture file (Fixtures/NAME.json).
    static func load(_ file: String) throws -> [FixtureCase] {
        guard let url = Bundle.module.url(forResource: file, withExtension: "json", subdirectory: "Fixtures") else {
            throw KernelError("Fixtures", "Fixtures/\(file).json is missing: run python3 scripts/make_fixtures.py")
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        return (root["cases"] as! [[String: Any]]).map { c in
            let inputs = c["inputs"] as! [String: Any]
            let expected = c["expected"] as! [String: Any]
            var tensors: [String: Tensor] = [:], outTensors: [String: Tensor] = [:], bools: [String: [Bool]] = [:]
            for (k, v) in inputs { if let t = decodeTensor(v) { tensors[k] = t } }
            for (k, v) in expected {
                if let b = decodeBools(v) { bools[k] = b } else if let t = decodeTensor(v) { outTensors[k] = t }
            }
            return FixtureCase(
                op: c["op"] as! String, name: c["name"] as! String, params: c["params"] as! [String: Any],
                inputs: tensors, expected: outTensors, expectedBools: bools, rawInputs: inputs)
        }
    }

    static func decodeTensor(_ any: Any) -> Tensor? {
        guard let d = any as? [String: Any], let shape = d["shape"] as? [Int], let data = d["data"] as? [Any] else { return nil }
        let scalars: [Float] = data.map { v in
            if let s = v as? String { return s == "-inf" ? -.infinity : (s == "inf" ? .infinity : .nan) }
            return (v as! NSNumber).floatValue
        }
        return try? Tensor(shape: shape, scalars: scalars)
    }

    static func decodeBools(_ any: Any) -> [Bool]? {
        guard let d = any as? [String: Any], let data = d["bools"] as? [Any] else { return nil }
        return data.map { ($0 as! NSNumber).boolValue }
    }
}
