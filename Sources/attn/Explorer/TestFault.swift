import Foundation

/// Faults the end-to-end tests inject into a running explorer, to check that the terminal is
/// restored and the program ends however it is stopped: `ATTN_TEST_FAULT=hang` makes the F12 key
/// spin for ever (a computation that never returns), `stack-overflow` makes it recurse without
/// end, `abort` calls abort(). Unset, F12 is an ordinary unused key.
///
/// A fault in a shipped binary is a small price for testing the real thing: the crash handler on
/// its alternate stack, and the watchdog that ends a busy program within 100 ms of Ctrl-C.
enum TestFault: String {
    case hang
    case stackOverflow = "stack-overflow"
    case abort

    /// The fault asked for in the environment, read once.
    static let requested: TestFault? = ProcessInfo.processInfo.environment["ATTN_TEST_FAULT"].flatMap(TestFault.init(rawValue:))

    /// Triggers the fault; returns only for `nil`.
    func trigger() {
        switch self {
        case .hang:
            var counter: UInt64 = 0
            while true { counter = counter &+ 1; blackHole(counter) }
        case .stackOverflow:
            blackHole(recurse(1))
        case .abort:
            Foundation.abort()
        }
    }
}

/// Recursion the optimiser cannot turn into a loop: each frame keeps a buffer alive across the call.
@inline(never)
private func recurse(_ n: UInt64) -> UInt64 {
    var frame = [UInt64](repeating: n, count: 16)
    frame[Int(n % 16)] = recurse(n &+ 1)
    return frame.reduce(0, &+)
}

@inline(never)
private func blackHole(_ x: UInt64) {
    if x == 0xdead_beef_dead_beef { print("") }
}
