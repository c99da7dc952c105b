@testable import AttentionKernel
import Foundation
import XCTest

/// The C kernels' exp2 (the tiled softmax step's), in every variant this CPU runs, against
/// Foundation's double-precision exp2.
final class KernelISATests: XCTestCase {
    func testVectorExp2MatchesFoundationInEveryVariant() {
        let before = KernelISA.current
        defer { KernelISA.force(before) }
        // −∞ (a masked score), the underflow edge, 0, both sides of every rounding point ±k.5, and a
        // sweep; 37 values so tails are exercised
        var inputs: [Float] = [-.infinity, -1000, -126.01, -125.99, -50, -0.5, -0.49999, -1e-7, 0, 1e-7, 0.5, 1, 10, 127.4]
        inputs += (0..<1000).map { Float(-130 + 0.257 * Double($0)) }
        for isa in KernelISA.allCases where isa <= KernelISA.best {
            XCTAssertEqual(KernelISA.force(isa), isa)
            for n in [inputs.count, 37, 5, 1] {
                var x = Array(inputs.prefix(n))
                kernelExp2InPlace(&x)
                for (xi, yi) in zip(inputs.prefix(n), x) {
                    if xi < -126 {
                        XCTAssertEqual(yi, 0, "\(isa.name): 2^\(xi) must be exactly 0 (masked scores get no weight)")
                        continue
                    }
                    let want = Foundation.exp2(Double(xi))
                    let rel = abs(Double(yi) - want) / want
                    XCTAssertLessThan(rel, 3e-7, "\(isa.name): 2^\(xi) = \(yi), want \(want)")
                }
            }
        }
    }
}
