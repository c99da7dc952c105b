import ExplorerUI
import XCTest

final class ColorMapTests: XCTestCase {
    func testEndpointsAreThePublishedColours() {
        XCTAssertEqual(ColorMap.viridis.rgb(at: 0), RGB(68, 1, 84))
        XCTAssertEqual(ColorMap.viridis.rgb(at: 1), RGB(253, 231, 37))
        XCTAssertEqual(ColorMap.viridis.rgb(at: 0.5), RGB(33, 145, 140), "entry 128")
        XCTAssertEqual(ColorMap.magma.rgb(at: 0), RGB(29, 17, 71), "from the 3rd anchor: (0, 0, 4) is the terminal's black")
        XCTAssertEqual(ColorMap.magma.rgb(at: 1), RGB(252, 253, 191))
        XCTAssertEqual(ColorMap.viridis.rgb(at: -3), ColorMap.viridis.rgb(at: 0), "clamped")
        XCTAssertEqual(ColorMap.viridis.rgb(at: .nan), ColorMap.viridis.rgb(at: 0))
        XCTAssertLessThan(ColorMap.grey.rgb(at: 0).r, ColorMap.grey.rgb(at: 1).r)
    }

    func testMapsGetLighterAllTheWay() {
        for map in ColorMap.sequential {
            let lightness = (0...32).map { map.rgb(at: Double($0) / 32).luminance }
            XCTAssertEqual(lightness, lightness.sorted(), "\(map) is monotonic, so shades and greys keep the order")
        }
    }

    func testMagmaNeverDrawsTheBackgroundBlack() {
        let darkest = ColorMap.magma.rgb(at: 0)
        XCTAssertGreaterThan(darkest.luminance, 0.01, "magma's 0 is \(darkest), too close to black")
    }

    func testNoGreyBandsIn256Colours() {
        for map in [ColorMap.viridis, .magma, .diverging] {
            for k in 0...64 {
                guard case .indexed(let n) = map.color(at: Double(k) / 64, depth: .ansi256)! else { return XCTFail() }
                let c = xterm256RGB(n)
                XCTAssertFalse(n >= 232, "\(map) at \(k)/64 is grey-ramp entry \(n)")
                if map != .diverging || abs(k - 32) > 2 {
                    XCTAssertFalse(c.r == c.g && c.g == c.b, "\(map) at \(k)/64 is the grey \(c) (entry \(n))")
                }
            }
        }
    }

    func testDivergingIsWhiteAtZeroAndOpposedAtTheEnds() {
        let mid = ColorMap.diverging.rgb(at: 0.5)
        XCTAssertGreaterThan(mid.luminance, 0.85)
        XCTAssertGreaterThan(ColorMap.diverging.rgb(at: 0).b, ColorMap.diverging.rgb(at: 0).r, "negative is blue")
        XCTAssertGreaterThan(ColorMap.diverging.rgb(at: 1).r, ColorMap.diverging.rgb(at: 1).b, "positive is red")
    }

    func testDepthReduction() {
        XCTAssertNil(ColorMap.viridis.color(at: 0.3, depth: .monochrome))
        XCTAssertEqual(ColorMap.viridis.color(at: 0, depth: .direct), .rgb(68, 1, 84))
        guard case .indexed = ColorMap.viridis.color(at: 0.5, depth: .ansi256)! else { return XCTFail("256 colours give an index") }
        guard case .ansi(let n) = ColorMap.viridis.color(at: 1, depth: .ansi8)!, n < 8 else { return XCTFail("8 colours give ANSI 0–7") }
        XCTAssertEqual(Color.rgb(10, 20, 30).reduced(to: .monochrome), .default)
        XCTAssertEqual(Color.indexed(3).reduced(to: .ansi8), .ansi(3))
    }

    func testNearestXterm256() {
        XCTAssertEqual(nearestXterm256(RGB(255, 0, 0)), 196)
        XCTAssertEqual(nearestXterm256(RGB(0, 0, 0)), 16)
        XCTAssertEqual(nearestXterm256(RGB(255, 255, 255)), 231)
        XCTAssertEqual(nearestXterm256(RGB(128, 128, 128)), 244, "a grey goes to the grey ramp")
        XCTAssertEqual(xterm256RGB(244), RGB(128, 128, 128))
        XCTAssertEqual(xterm256RGB(16 + 36 * 5 + 6 * 2 + 1), RGB(255, 135, 95))
        // Against a brute-force search over every entry 16–255 (same distance, no shortcuts).
        func distance(_ a: RGB, _ b: RGB) -> Int {
            let m = (Int(a.r) + Int(b.r)) / 2
            let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
            return (((512 + m) * dr * dr) >> 8) + 4 * dg * dg + (((767 - m) * db * db) >> 8)
        }
        for k in 0...64 {
            let c = ColorMap.viridis.rgb(at: Double(k) / 64)
            let best = (16...255).map { distance(xterm256RGB(UInt8($0)), c) }.min()!
            XCTAssertEqual(distance(xterm256RGB(nearestXterm256(c)), c), best, "\(c)")
        }
    }

    func testNearestANSI8() {
        XCTAssertEqual(nearestANSI8(RGB(250, 10, 10)), 1)
        XCTAssertEqual(nearestANSI8(RGB(10, 10, 10)), 0)
        XCTAssertEqual(nearestANSI8(RGB(240, 240, 240)), 7)
        XCTAssertEqual(nearestANSI8(RGB(253, 231, 37)), 3, "viridis' yellow end")
    }

    func testReadableText() {
        XCTAssertEqual(Color.rgb(68, 1, 84).readableText, .rgb(255, 255, 255))
        XCTAssertEqual(Color.rgb(253, 231, 37).readableText, .rgb(0, 0, 0))
        XCTAssertNil(Color.default.readableText)
        XCTAssertEqual(Color.ansi(7).readableText(depth: .ansi8), .ansi(0))
    }

    func testShades() {
        XCTAssertEqual(shade(at: 0), " ")
        XCTAssertEqual(shade(at: 0.3), "░")
        XCTAssertEqual(shade(at: 0.5), "▒")
        XCTAssertEqual(shade(at: 0.7), "▓")
        XCTAssertEqual(shade(at: 1), "█")
    }
}
