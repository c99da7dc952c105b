import Foundation
import XCTest
@testable import LessonEngine

/// The operations' declarations are the schema: FORMAT.md must document every op, input and
/// option they declare, and a name must mean one thing wherever it is declared.
final class OperationDeclarationTests: XCTestCase {
    private func format() throws -> String {
        try String(contentsOf: TestPaths.lessons.appendingPathComponent("FORMAT.md"), encoding: .utf8)
    }

    func testFormatDocumentsEveryDeclaredOpWithItsInputs() throws {
        let lines = try format().split(separator: "\n").map(String.init)
        for d in OperationDeclaration.all {
            guard let row = lines.first(where: { $0.hasPrefix("| `\(d.op.rawValue)` |") }) else {
                XCTFail("FORMAT.md's table of operations has no row for '\(d.op.rawValue)'")
                continue
            }
            for input in d.inputs {
                XCTAssertTrue(row.contains("`\(input.slot)`") || row.contains("same") || row.contains("as `"), "FORMAT.md: '\(d.op.rawValue)' row does not name its input '\(input.slot)'")
            }
        }
    }

    func testFormatDocumentsEveryDeclaredOptionWithItsOps() throws {
        let all = try format().split(separator: "\n").map(String.init)
        let header = try XCTUnwrap(all.firstIndex { $0.hasPrefix("| option | type") }, "FORMAT.md has no table of options")
        let lines = Array(all[header...])
        for option in OperationDeclaration.allOptions {
            guard let row = lines.first(where: { $0.hasPrefix("| `\(option.name)` |") }) else {
                XCTFail("FORMAT.md's table of options has no row for '\(option.name)'")
                continue
            }
            let ops = OperationDeclaration.all.filter { $0.options.contains { $0.name == option.name } }.map(\.op.rawValue)
            if ops.count == OperationDeclaration.all.count || ["query", "head"].contains(option.name) { continue }
            for op in ops where !row.contains(op) && !row.contains("same") {
                XCTFail("FORMAT.md: the '\(option.name)' row does not list op '\(op)'")
            }
        }
    }

    func testAnOptionNameHasOneTypeAndDefault() {
        var seen: [String: OptionDeclaration] = [:]
        for d in OperationDeclaration.all {
            for o in d.allOptions {
                if let first = seen[o.name] {
                    XCTAssertEqual(first.type, o.type, "option '\(o.name)' has two types (in \(d.op.rawValue))")
                    XCTAssertEqual(first.defaultValue, o.defaultValue, "option '\(o.name)' has two defaults (in \(d.op.rawValue))")
                } else {
                    seen[o.name] = o
                }
            }
        }
    }

    func testEveryOptionIsDocumentedAndHasNoFallbackType() {
        for o in OperationDeclaration.allOptions {
            XCTAssertFalse(o.doc.isEmpty, o.name)
            XCTAssertEqual(SceneSchema.type(of: o.name), o.type, o.name)
        }
    }

    func testARealValuedOptionIsNotTakenForAWholeNumber() throws {
        // The first version typed every undeclared option as an integer; a declared number is a number.
        for o in OperationDeclaration.allOptions where o.type == .number {
            XCTAssertFalse(SceneSchema.type(of: o.name).isWholeNumber, o.name)
        }
    }

    func testEveryDeclaredOutputHasACaption() {
        for d in OperationDeclaration.all {
            for out in d.outputs { XCTAssertFalse(out.caption.isEmpty, "\(d.op.rawValue).\(out.name)") }
        }
    }

    func testResultsCarryTypedKeysRolesAndCaptions() throws {
        let s = try scene("tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 1}\nop: multiHead\nnumHeads: 2")
        let computed = try evaluate(s)
        let w1 = try XCTUnwrap(computed[key: ResultKey(name: "weights", head: 1)])
        XCTAssertEqual(w1.name, "weights[1]")
        XCTAssertEqual(w1.role, .weights)
        XCTAssertEqual(w1.displayName, "attention weights, head 1")
        XCTAssertFalse(w1.caption.isEmpty)
        XCTAssertEqual(computed["X"]?.role, .input)
        XCTAssertTrue(computed.isPerHead("weights"))
        XCTAssertFalse(computed.isPerHead("output"))
        XCTAssertEqual(computed.views.first?.keys.first, ResultKey(name: "weights", head: 0))
    }

    func testTypedParametersTravelByName() throws {
        let s = try scene("tokens: [a, b, c]\ntensors:\n  X: {embed: tokens, dim: 4, seed: 1}\n  W_Q: {random: normal, shape: [4, 4], seed: 2}\n  W_K: {random: normal, shape: [4, 4], seed: 3}\n  W_V: {random: normal, shape: [4, 4], seed: 4}\nop: attention\nmask: causal")
        let computed = try evaluate(s, parameters: ["mask": .name("sliding"), "window": .number(2), "causal": .name("false")])
        XCTAssertEqual(computed.parameterValues["mask"], .name("sliding"))
        XCTAssertEqual(computed.parameterValues["window"], .integer(2))
        XCTAssertEqual(computed.parameterValues["causal"], .bool(false))
        XCTAssertThrowsError(try evaluate(s, parameters: ["window": .number(2.5)]))
        XCTAssertThrowsError(try evaluate(s, parameters: ["mask": .number(1)]))
    }
}
