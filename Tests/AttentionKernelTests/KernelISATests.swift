@testable import AttentionKernel
import Foundation
import XCTest

/// The C kernels' exp, in every variant this CPU runs, against Foundation's double-precision exp.
final class KernelISATests: XCTestCase {
    func testVectorExpMatchesFoundationInEveryVariant() {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        // −∞ (a masked score), the underflow edge, 0, and a sweep; 37 values so tails are exercised
        var inputs: [Float] = [-.infinity, -1000, -87.4, -87.29, -50, -1e-7, 0, 1e-7, 0.5, 1, 10, 88.25]
        inputs += (0..<1000).map { Float(-90 + 0.178 * Double($0)) }
        for isa in KernelISA.allCases where isa <= KernelISA.best {
            XCTAssertEqual(KernelISA.force(isa), isa)
            for n in [inputs.count, 37, 5, 1] {
                var x = Array(inputs.prefix(n))
                kernelExpInPlace(&x)
                for (xi, yi) in zip(inputs.prefix(n), x) {
                    if xi < -87.3 {
                        XCTAssertEqual(yi, 0, "\(isa.name): e^\(xi) must be exactly 0 (masked scores get no weight)")
                        continue
                    }
                    let want = Foundation.exp(Double(xi))
                    let rel = abs(Double(yi) - want) / want
                    XCTAssertLessThan(rel, 3e-7, "\(isa.name): e^\(xi) = \(yi), want \(want)")
                }
            }
        }
    }
}
