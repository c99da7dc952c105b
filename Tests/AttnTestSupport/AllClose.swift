import AttentionKernel
import XCTest

/// The one elementwise comparison of the test suites: |a − e| ≤ atol + rtol·|e|, with equal
/// infinities matching.
///
/// On failure reports the shape, how many elements differ, the largest difference, its index
/// and the first mismatching index.
public func assertAllClose(
    _ actual: Tensor, _ expected: Tensor, rtol: Float = 1e-5, atol: Float = 1e-6, _ context: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.shape == expected.shape else {
        XCTFail("\(context): shape \(formatShape(actual.shape)) ≠ expected \(formatShape(expected.shape))", file: file, line: line)
        return
    }
    if let problem = allCloseProblem(actual.scalars, expected.scalars, shape: actual.shape, rtol: rtol, atol: atol) {
        XCTFail("\(context): \(problem)", file: file, line: line)
    }
}

/// The same for flat arrays (a vector of `actual.count` entries).
public func assertAllClose(
    _ actual: [Float], _ expected: [Float], rtol: Float = 1e-5, atol: Float = 1e-5, _ context: String = "",
    file: StaticString = #filePath, line: UInt = #line
) {
    guard actual.count == expected.count else {
        XCTFail("\(context): \(actual.count) values, expected \(expected.count)", file: file, line: line)
        return
    }
    if let problem = allCloseProblem(actual, expected, shape: [actual.count], rtol: rtol, atol: atol) {
        XCTFail("\(context): \(problem)", file: file, line: line)
    }
}

/// Why two equal-length arrays are not close, or nil.
func allCloseProblem(_ actual: [Float], _ expected: [Float], shape: [Int], rtol: Float, atol: Float) -> String? {
    var worst: (index: Int, diff: Float)?
    var first: Int?
    var bad = 0
    for i in actual.indices {
        let a = actual[i], e = expected[i]
        if a == e { continue }
        let diff = abs(a - e)
        if !(diff <= atol + rtol * abs(e)) {
            bad += 1
            if first == nil { first = i }
            if worst == nil || !(diff <= worst!.diff) { worst = (i, diff.isNaN ? .infinity : diff) }
        }
    }
    guard let worst, let first else { return nil }
    return "\(bad) of \(actual.count) elements differ; max |Δ| = \(worst.diff) at \(unravel(worst.index, shape)) (got \(actual[worst.index]), expected \(expected[worst.index])); first mismatch at \(unravel(first, shape)): \(actual[first]) vs \(expected[first]) (rtol \(rtol), atol \(atol))"
}

private func unravel(_ flat: Int, _ shape: [Int]) -> String {
    var rest = flat, idx: [Int] = []
    for d in shape.reversed() {
        idx.append(d == 0 ? 0 : rest % d)
        rest /= max(d, 1)
    }
    return "[" + idx.reversed().map(String.init).joined(separator: ", ") + "]"
}
