import AttentionKernel
@testable import ExplorerUI
import LessonEngine
import XCTest

/// The positional lesson's "q at m, k at n" view: the query and the key rotated to their
/// positions on one circle per pair, with the angle between them, which the offset keeps.
final class RoPEQueryKeyTests: XCTestCase {
    private let lessons = ExplorerStateTests.lessons

    private func openStep(_ s: inout AppState) throws {
        let index = try XCTUnwrap(lessons.firstIndex { $0.id == "positional" })
        let step = try XCTUnwrap(lessons[index].steps.firstIndex { $0.title.hasPrefix("The score depends only on m − n") })
        s.open(lesson: index, step: step)
        s.showingIntroduction = false
    }

    private func plot(_ s: AppState) throws -> RotationPlotView {
        let computed = try XCTUnwrap(s.computed)
        let view = try XCTUnwrap(computed.views.first { $0.kind == .rope })
        let renderer = SceneRenderer(scene: computed, style: lessonSceneStyle(s, theme: s.theme))
        return renderer.queryKeyPlot(before: try XCTUnwrap(computed[view.tensors[0]]), rotated: try XCTUnwrap(computed[view.tensors[1]]),
                                     query: try XCTUnwrap(view.query), key: try XCTUnwrap(view.keyRow), title: view.title)
    }

    private func setControl(_ s: inout AppState, _ param: String, _ value: Int) throws {
        let index = try XCTUnwrap(s.controls.firstIndex { $0.param == param })
        s.controlIndex = index
        update(&s, .key(.character("{")))
        for _ in 0..<value { update(&s, .key(.character("+"))) }
        XCTAssertEqual(s.value(of: s.controls[index]), Double(value))
    }

    /// The angles drawn are m·θ_i − n·θ_i, read against the scene's own tensors, the same at
    /// every offset, while the arrows themselves turn.
    func testTheAngleBetweenQAndKIsMMinusNTimesThetaAtEveryOffset() throws {
        var s = AppState(lessons: lessons)
        try openStep(&s)
        let first = try plot(s)
        guard case .queryAndKey(let m0, let n0) = first.mode else { return XCTFail("\(first.mode)") }
        XCTAssertEqual([m0, n0], [3, 1])
        var arrows: [[SIMD2<Double>]] = []
        for offset in [0, 1, 7, 50] {
            try setControl(&s, "position", offset)
            let p = try plot(s)
            let c = try XCTUnwrap(s.computed)
            let angles = try XCTUnwrap(c["angles"]).tensor, rotated = try XCTUnwrap(c["X_rot"]).tensor
            XCTAssertEqual(p.mode, .queryAndKey(m: 3 + offset, n: 1 + offset))
            XCTAssertEqual(p.pairs.count, rotated.columns / 2)
            for (i, pair) in p.pairs.enumerated() {
                // The arrows are the scene's rotated rows 3 (q) and 1 (k)…
                XCTAssertEqual(pair.after.x, Double(rotated[3, 2 * i]), accuracy: 1e-6)
                XCTAssertEqual(pair.after.y, Double(rotated[3, 2 * i + 1]), accuracy: 1e-6)
                XCTAssertEqual(pair.before.x, Double(rotated[1, 2 * i]), accuracy: 1e-6)
                XCTAssertEqual(pair.before.y, Double(rotated[1, 2 * i + 1]), accuracy: 1e-6)
                // …and the angle between them is m·θ_i − n·θ_i from the scene's angles.
                let expected = Double(angles[3, i]) - Double(angles[1, i])
                XCTAssertEqual(try XCTUnwrap(pair.turned), expected, accuracy: 1e-4, "pair \(i), offset \(offset)")
                XCTAssertEqual(expected, 2 * pow(10, -2 * Double(i) / 4), accuracy: 1e-4, "(m − n)·θ_i with θ_i = 10^(−2i/4)")
            }
            XCTAssertEqual(p.pairs.map(\.caption), ["∠ = 2·θ₀ = +114.6°", "∠ = 2·θ₁ = +36.2°"], "offset \(offset)")
            arrows.append(p.pairs.map(\.after))
        }
        XCTAssertNotEqual(arrows[0], arrows[2], "the offset turns the arrows")

        // Another key row changes the angle, and past half a turn it is still (m − n)·θ.
        try setControl(&s, "position", 0)
        try setControl(&s, "query", 0)
        try setControl(&s, "key", 5)
        let far = try plot(s)
        XCTAssertEqual(far.mode, .queryAndKey(m: 0, n: 5))
        XCTAssertEqual(try XCTUnwrap(far.pairs[0].turned), -5, accuracy: 1e-4)
        XCTAssertEqual(far.pairs[0].caption, "∠ = −5·θ₀ = −286.5°")
    }

    /// What a student sees at 80×24 and 160×48, in English and Russian: the legend names q at m
    /// and k at n, shifted by the offset; the captions keep the angle; nothing is cut bare.
    func testTheViewReadsAtBothSizesInBothLanguages() throws {
        for language in [Language.en, .ru] {
            var s = AppState(lessons: lessons, language: language)
            try openStep(&s)
            for (w, h) in [(80, 24), (160, 48)] {
                let grid = view(s, width: w, height: h)
                let text = grid.text
                let (q, k) = language == .en ? ("q at m = 3", "k at n = 1") : ("q при m = 3", "k при n = 1")
                XCTAssertTrue(text.contains(q) && text.contains(k), "\(language) \(w)×\(h)\n\(text)")
                let angle = language == .en ? "∠ = 2·θ₀ = +114.6°" : "∠ = 2·θ₀ = +114,6°"
                XCTAssertTrue(text.contains(angle), "\(language) \(w)×\(h)\n\(text)")
                XCTAssertEqual(grid.cuts.filter { grid[$0.x, $0.y].character != "…" }.count, 0, text)
            }
            try setControl(&s, "position", 10)
            let shifted = view(s, width: 80, height: 24).text
            let (q, k) = language == .en ? ("q at m = 13", "k at n = 11") : ("q при m = 13", "k при n = 11")
            XCTAssertTrue(shifted.contains(q) && shifted.contains(k), shifted)
            XCTAssertTrue(shifted.contains(language == .en ? "+114.6°" : "+114,6°"), "the same angle after the offset\n\(shifted)")
            // Focused elsewhere, the squeezed view still gives its captions whole.
            update(&s, .key(.tab))
            let squeezed = view(s, width: 80, height: 24).text
            XCTAssertTrue(squeezed.contains(language == .en ? "pair 0 θ=1.00" : "пара 0 θ=1,00"), squeezed)
        }
    }
}
