import CNCurses
import ExplorerUI
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// attn's width rule is the terminal's: for every code point the C library can print, the
/// columns attn lays out (`columnWidth`) are the columns ncursesw advances (`wcwidth`). If the C
/// library changes, this fails and `sh scripts/make_width_table.sh` regenerates the table.
final class CharacterWidthAgreementTests: XCTestCase {
    func testEveryPrintableCodePointHasTheTerminalsWidth() throws {
        let previous = String(cString: setlocale(LC_CTYPE, nil))
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else {
            throw XCTSkip("this machine has no C.UTF-8 locale")
        }
        defer { setlocale(LC_CTYPE, previous) }
        var disagreements: [String] = []
        var checked = 0
        for v in UInt32(0x20)...0x10FFFF {
            guard let scalar = Unicode.Scalar(v) else { continue }   // surrogates
            let terminal = attn_wcwidth(wchar_t(v))   // what ncursesw advances by
            guard terminal >= 0 else { continue }                     // not printable: never drawn
            checked += 1
            let ours = columnWidth(of: Character(scalar))
            if ours != Int(terminal) && disagreements.count < 20 {
                disagreements.append("U+\(String(v, radix: 16, uppercase: true)): attn \(ours), wcwidth \(terminal)")
            }
        }
        XCTAssertGreaterThan(checked, 100_000)
        XCTAssertEqual(disagreements, [], "regenerate with: sh scripts/make_width_table.sh")
        // What students meet: Cyrillic, Greek, maths, blocks and braille are 1; CJK and emoji 2.
        XCTAssertEqual(columnWidth(of: "Внимание αβ √∑ █▓ ⣿"), 19)
        XCTAssertEqual(columnWidth(of: "注意😀"), 6)
    }
}
