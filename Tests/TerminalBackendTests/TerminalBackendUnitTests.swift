import CNCurses
import ExplorerUI
import XCTest

@testable import TerminalBackend

/// The pure parts of the backend: key decoding, colour numbering, grid diffs, pair allocation
/// and the start-up decisions. Nothing here needs a terminal.
final class KeyDecodingTests: XCTestCase {
    func testPrintableCharacters() {
        XCTAssertEqual(decodeKey(.character(UInt32(UInt8(ascii: "q")))), .character("q"))
        XCTAssertEqual(decodeKey(.character(0x3B1)), .character("α"))
        XCTAssertEqual(decodeKey(.character(0x6F22)), .character("漢"))
        XCTAssertEqual(decodeKey(.character(32)), .character(" "))
    }

    func testControlCodes() {
        XCTAssertEqual(decodeKey(.character(9)), .tab)
        XCTAssertEqual(decodeKey(.character(10)), .enter)
        XCTAssertEqual(decodeKey(.character(13)), .enter)
        XCTAssertEqual(decodeKey(.character(27)), .escape)
        XCTAssertEqual(decodeKey(.character(127)), .backspace)
        XCTAssertEqual(decodeKey(.character(8)), .backspace)
        XCTAssertEqual(decodeKey(.character(3)), .control("c"))
        XCTAssertEqual(decodeKey(.character(1)), .control("a"))
        XCTAssertEqual(decodeKey(.character(26)), .control("z"))
        XCTAssertNil(decodeKey(.character(0)))
        XCTAssertNil(decodeKey(.character(28)))
        XCTAssertNil(decodeKey(.character(0x9B)))
        XCTAssertNil(decodeKey(.character(0xD800)), "a lone surrogate is not a character")
    }

    func testNcursesKeyCodes() {
        XCTAssertEqual(decodeKey(.keyCode(KEY_UP)), .up)
        XCTAssertEqual(decodeKey(.keyCode(KEY_DOWN)), .down)
        XCTAssertEqual(decodeKey(.keyCode(KEY_LEFT)), .left)
        XCTAssertEqual(decodeKey(.keyCode(KEY_RIGHT)), .right)
        XCTAssertEqual(decodeKey(.keyCode(KEY_PPAGE)), .pageUp)
        XCTAssertEqual(decodeKey(.keyCode(KEY_NPAGE)), .pageDown)
        XCTAssertEqual(decodeKey(.keyCode(KEY_HOME)), .home)
        XCTAssertEqual(decodeKey(.keyCode(KEY_END)), .end)
        XCTAssertEqual(decodeKey(.keyCode(KEY_ENTER)), .enter)
        XCTAssertEqual(decodeKey(.keyCode(KEY_BTAB)), .backTab)
        XCTAssertEqual(decodeKey(.keyCode(KEY_BACKSPACE)), .backspace)
        XCTAssertEqual(decodeKey(.keyCode(KEY_DC)), .delete)
        XCTAssertEqual(decodeKey(.keyCode(KEY_F0 + 1)), .function(1))
        XCTAssertEqual(decodeKey(.keyCode(KEY_F0 + 12)), .function(12))
        XCTAssertNil(decodeKey(.keyCode(KEY_F0)))
        XCTAssertNil(decodeKey(.keyCode(attn_key_resize())), "resize is an event, not a key")
        XCTAssertNil(decodeKey(.keyCode(KEY_MOUSE)))
    }
}

final class TerminalColorNumberTests: XCTestCase {
    func testPaletteIndexes() {
        XCTAssertEqual(terminalColorNumber(.default, palette: .indexed(256)), -1)
        XCTAssertEqual(terminalColorNumber(.ansi(1), palette: .none), -1)
        XCTAssertEqual(terminalColorNumber(.ansi(9), palette: .indexed(256)), 9)
        XCTAssertEqual(terminalColorNumber(.ansi(9), palette: .indexed(16)), 9)
        XCTAssertEqual(terminalColorNumber(.ansi(9), palette: .indexed(8)), 1, "bright red is red on 8 colours")
        XCTAssertEqual(terminalColorNumber(.indexed(208), palette: .indexed(256)), 208)
        XCTAssertEqual(terminalColorNumber(.indexed(12), palette: .indexed(8)), 4)
    }

    func testColoursThePaletteCannotNumberGoToTheNearest() {
        XCTAssertEqual(terminalColorNumber(.indexed(196), palette: .indexed(8)), 1)
        XCTAssertEqual(terminalColorNumber(.rgb(255, 0, 0), palette: .indexed(256)), 196)
        XCTAssertEqual(terminalColorNumber(.rgb(250, 10, 5), palette: .indexed(8)), 1)
        XCTAssertEqual(terminalColorNumber(.rgb(30, 30, 200), palette: .indexed(8)), 4)
    }

    func testDirectColour() {
        XCTAssertEqual(terminalColorNumber(.rgb(0x12, 0x34, 0x56), palette: .direct), 0x123456)
        XCTAssertEqual(terminalColorNumber(.rgb(0, 0, 0), palette: .direct), 8, "0–7 are ANSI on direct terminals")
        XCTAssertEqual(terminalColorNumber(.ansi(2), palette: .direct), 2)
        XCTAssertEqual(terminalColorNumber(.ansi(9), palette: .direct), 0xFF0000)
        XCTAssertEqual(terminalColorNumber(.indexed(196), palette: .direct), 0xFF0000)
        XCTAssertEqual(terminalColorNumber(.indexed(208), palette: .direct), 0xFF8700)
    }

    func testEveryNumberIsInRange() {
        let colors: [Color] = (0...255).map { .indexed(UInt8($0)) } + (0..<16).map { .ansi(UInt8($0)) }
            + stride(from: 0, through: 255, by: 51).flatMap { r in [Color.rgb(UInt8(r), 128, UInt8(255 - r))] }
        for count in [8, 16, 88, 256] {
            for color in colors {
                let number = terminalColorNumber(color, palette: .indexed(count))
                XCTAssertTrue((-1..<Int32(count)).contains(number), "\(color) on \(count) colours gave \(number)")
            }
        }
    }
}

final class GridDiffTests: XCTestCase {
    func testFirstFrameAndResizeRedrawEverything() {
        let grid = CellGrid(width: 4, height: 2)
        XCTAssertEqual(changedRuns(from: nil, to: grid), [CellRun(row: 0, columns: 0..<4), CellRun(row: 1, columns: 0..<4)])
        XCTAssertEqual(changedRuns(from: CellGrid(width: 3, height: 2), to: grid).count, 2)
        XCTAssertEqual(changedRuns(from: nil, to: CellGrid(width: 0, height: 3)), [])
    }

    func testIdenticalGridsHaveNoRuns() {
        var grid = CellGrid(width: 10, height: 3)
        grid.put("hello", x: 1, y: 1)
        XCTAssertEqual(changedRuns(from: grid, to: grid), [])
    }

    func testChangedCellsFormRuns() {
        let before = CellGrid(width: 10, height: 3)
        var after = before
        after.put("ab", x: 2, y: 0)
        after.put("x", x: 7, y: 0)
        after[9, 2] = Cell("z", style: Style(bold: true))
        XCTAssertEqual(changedRuns(from: before, to: after), [
            CellRun(row: 0, columns: 2..<4), CellRun(row: 0, columns: 7..<8), CellRun(row: 2, columns: 9..<10),
        ])
    }

    func testStyleOnlyChangeIsAChange() {
        var before = CellGrid(width: 5, height: 1)
        before.put("abc", x: 0, y: 0)
        var after = CellGrid(width: 5, height: 1)
        after.put("abc", x: 0, y: 0, style: Style(foreground: .ansi(1)))
        XCTAssertEqual(changedRuns(from: before, to: after), [CellRun(row: 0, columns: 0..<3)])
    }

    func testChangedContinuationPullsInItsWideCharacter() {
        var before = CellGrid(width: 6, height: 1)
        before.put("a漢b", x: 0, y: 0)
        var after = before
        // Only the continuation's style changes: the whole wide character must be redrawn.
        after[2, 0] = Cell(" ", style: Style(bold: true), isContinuation: true)
        XCTAssertEqual(changedRuns(from: before, to: after), [CellRun(row: 0, columns: 1..<3)])
    }

    func testWideCharacterReplacedByNarrowOnes() {
        var before = CellGrid(width: 6, height: 1)
        before.put("a漢b", x: 0, y: 0)
        var after = CellGrid(width: 6, height: 1)
        after.put("axyb", x: 0, y: 0)
        XCTAssertEqual(changedRuns(from: before, to: after), [CellRun(row: 0, columns: 1..<3)])
    }
}

final class ColorPairTableTests: XCTestCase {
    func testAllocatesOncePerColourCombination() {
        var table = ColorPairTable(limit: 10)
        var defined: [[Int32]] = []
        let define = { (n: Int32, f: Int32, b: Int32) -> Bool in defined.append([n, f, b]); return true }
        XCTAssertEqual(table.pair(for: .init(foreground: -1, background: -1), define: define), 0)
        XCTAssertEqual(table.pair(for: .init(foreground: 1, background: -1), define: define), 1)
        XCTAssertEqual(table.pair(for: .init(foreground: 2, background: 4), define: define), 2)
        XCTAssertEqual(table.pair(for: .init(foreground: 1, background: -1), define: define), 1)
        XCTAssertEqual(defined, [[1, 1, -1], [2, 2, 4]])
    }

    func testRunningOutFallsBackToDefaultColours() {
        var table = ColorPairTable(limit: 3)  // pairs 1 and 2 only
        let define = { (_: Int32, _: Int32, _: Int32) -> Bool in true }
        XCTAssertEqual(table.pair(for: .init(foreground: 1, background: -1), define: define), 1)
        XCTAssertEqual(table.pair(for: .init(foreground: 2, background: -1), define: define), 2)
        XCTAssertFalse(table.exhausted)
        XCTAssertEqual(table.pair(for: .init(foreground: 3, background: -1), define: define), 0)
        XCTAssertTrue(table.exhausted)
        table.reset()
        XCTAssertFalse(table.exhausted)
        XCTAssertEqual(table.pair(for: .init(foreground: 3, background: -1), define: define), 1)
    }

    func testFailedDefinitionIsNotCached() {
        var table = ColorPairTable(limit: 10)
        XCTAssertEqual(table.pair(for: .init(foreground: 300, background: -1)) { _, _, _ in false }, 0)
        XCTAssertEqual(table.count, 0)
    }
}

final class TerminalSettingsTests: XCTestCase {
    func testUTF8LocalesPass() {
        XCTAssertNil(TerminalSettings.localeProblem(codeset: "UTF-8", environment: [:]))
        XCTAssertNil(TerminalSettings.localeProblem(codeset: "utf8", environment: [:]))
    }

    func testNonUTF8LocaleNamesTheVariable() throws {
        let problem = try XCTUnwrap(TerminalSettings.localeProblem(
            codeset: "ANSI_X3.4-1968", environment: ["LANG": "C", "LC_CTYPE": "", "LC_ALL": ""]))
        XCTAssertEqual(problem, .notUTF8(variable: "LANG", value: "C", codeset: "ANSI_X3.4-1968"))
        XCTAssertTrue(problem.description.contains("LANG=C gives ANSI_X3.4-1968"), problem.description)
        XCTAssertTrue(problem.description.contains("try LANG=C.UTF-8"), problem.description)
        let overridden = TerminalSettings.localeProblem(codeset: "ISO-8859-1", environment: ["LANG": "C.UTF-8", "LC_ALL": "de_DE"])
        XCTAssertEqual(overridden, .notUTF8(variable: "LC_ALL", value: "de_DE", codeset: "ISO-8859-1"))
    }

    func testPaletteDetection() {
        XCTAssertEqual(TerminalSettings.palette(hasColors: false, colors: 256, rgbFlag: false), .none)
        XCTAssertEqual(TerminalSettings.palette(hasColors: true, colors: 8, rgbFlag: false), .indexed(8))
        XCTAssertEqual(TerminalSettings.palette(hasColors: true, colors: 256, rgbFlag: false), .indexed(256))
        XCTAssertEqual(TerminalSettings.palette(hasColors: true, colors: 256, rgbFlag: true), .direct)
        XCTAssertEqual(TerminalSettings.palette(hasColors: true, colors: 1 << 24, rgbFlag: false), .direct)
    }

    func testColorDepth() {
        typealias S = TerminalSettings
        XCTAssertEqual(S.colorDepth(forced: nil, noColor: nil, palette: .indexed(256)), .ansi256)
        XCTAssertEqual(S.colorDepth(forced: nil, noColor: "", palette: .indexed(256)), .ansi256, "empty NO_COLOR is unset")
        XCTAssertEqual(S.colorDepth(forced: nil, noColor: "1", palette: .indexed(256)), .monochrome)
        XCTAssertEqual(S.colorDepth(forced: .ansi8, noColor: "1", palette: .indexed(256)), .ansi8, "--color beats NO_COLOR")
        XCTAssertEqual(S.colorDepth(forced: .direct, noColor: nil, palette: .indexed(256)), .ansi256, "capped")
        XCTAssertEqual(S.colorDepth(forced: nil, noColor: nil, palette: .direct), .direct)
        XCTAssertEqual(S.colorDepth(forced: nil, noColor: nil, palette: .indexed(8)), .ansi8)
        XCTAssertEqual(S.colorDepth(forced: .ansi256, noColor: nil, palette: .none), .monochrome)
    }

    func testRunOutcomeExitStatus() {
        XCTAssertEqual(RunOutcome.quit.exitStatus, 0)
        XCTAssertEqual(RunOutcome.interrupted(signal: SIGTERM).exitStatus, 143)
    }
}

