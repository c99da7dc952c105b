@testable import ExplorerUI
import LessonEngine
import SnapshotTesting
import XCTest

/// One lesson screen per view kind at 80×24 and 160×48, recorded as text, and the facts a
/// student must be able to read on each: values never rounded, bars proportional, legends and
/// labels saying what the view shows.
final class ViewKindSnapshotTests: XCTestCase {
    private let lessons = ExplorerStateTests.lessons

    /// The lesson `id` open at `step` (1-based, as on screen), the view `focus` focused.
    private func screen(_ id: String, step: Int, focus: Int = 0, presenter: Bool = false) throws -> AppState {
        let index = try XCTUnwrap(lessons.firstIndex { $0.id == id }, "no lesson \(id)")
        var s = AppState(lessons: lessons, presenter: presenter)
        s.open(lesson: index, step: step - 1)
        s.showingIntroduction = false
        s.focusedView = focus
        return s
    }

    private func send(_ s: inout AppState, _ keys: [Key]) { for k in keys { update(&s, .key(k)) } }

    /// The focused view's box as lines (its border excluded).
    private func focusedBox(_ s: AppState, width: Int, height: Int) throws -> [String] {
        let grid = view(s, width: width, height: height)
        let computed = try XCTUnwrap(s.computed)
        let renderer = SceneRenderer(scene: computed, style: lessonSceneStyle(s, theme: s.theme))
        let placements = placeViews(drawableViews(s), focused: s.focusedView, renderer: renderer, in: lessonAreas(s, width: width, height: height).views)
        let box = try XCTUnwrap(placements.first { $0.index == s.focusedView }).box
        return (box.y..<box.maxY).map { y in (box.x..<box.maxX).map { String(grid[$0, y].character) }.joined() }
    }

    func testSnapshotsOfEveryViewKind() throws {
        let cases: [(String, String, Int, Int)] = [
            ("heatmap-weights", "masked", 3, 1), ("heatmap-scores", "masked", 1, 0), ("softmaxRow", "soft-read", 2, 1),
            ("matrix", "multi-head", 3, 1), ("vectors", "hard-read", 1, 0), ("pipeline", "multi-head", 3, 0),
            ("rope", "positional", 4, 0), ("heatmap-padding", "cross-attention", 4, 0),
        ]
        for (name, id, step, focus) in cases {
            let s = try screen(id, step: step, focus: focus)
            for (w, h) in [(80, 24), (160, 48)] {
                assertSnapshot(of: view(s, width: w, height: h).text + "\n", as: .lines, named: "\(name)-\(w)x\(h)")
            }
        }
    }

    /// Soft-read step 2: weights 2, 1 and −2 get bars of 2 : 1 : 2, the −2 left of the zero line.
    func testSoftmaxBarsAreProportionalAndNegativesGoLeft() throws {
        let s = try screen("soft-read", step: 2, focus: 1)
        for (w, h) in [(80, 24), (160, 48)] {
            let lines = try focusedBox(s, width: w, height: h)
            func bar(_ key: String) throws -> (left: Int, right: Int) {
                let line = try XCTUnwrap(lines.first { $0.contains("│" + key + " ") }, "\(key) in\n" + lines.joined(separator: "\n"))
                let inner = String(line.dropFirst().dropLast())
                let zero = try XCTUnwrap(inner.lastIndex(of: "│"), "a zero line on \(inner)")
                return (inner[..<zero].filter { "█▐".contains($0) }.count, inner[zero...].filter { "█▉▊▋▌▍▎▏".contains($0) }.count)
            }
            let cat = try bar("cat"), dog = try bar("dog"), bird = try bar("bird")
            XCTAssertEqual(Double(cat.right) / Double(max(1, dog.right)), 2, accuracy: 0.25, "2.00 against 1.00 at \(w)")
            XCTAssertEqual(cat.left + dog.left, 0)
            XCTAssertEqual(bird.right, 0, "−2.00 draws nothing right of zero")
            XCTAssertEqual(Double(bird.left), Double(cat.right), accuracy: 1.5, "|−2.00| as long as 2.00 at \(w)")
            XCTAssertTrue(lines.contains { $0.contains("2.00") } && lines.contains { $0.contains("-2.00") })
        }
        // The scores view names its column q·k, not weight.
        let scores = try focusedBox(try screen("soft-read", step: 2, focus: 0), width: 80, height: 24)
        XCTAssertTrue(scores[1].hasSuffix("q·k│"), scores[1])
        XCTAssertFalse(scores.joined().contains("weight│"), scores.joined(separator: "\n"))
    }

    /// Masked step 3 at 80 columns: 0.45 / 0.22 / 0.33 are printed in full or not at all.
    func testNarrowCellsNeverShowARoundedValue() throws {
        let s = try screen("masked", step: 3, focus: 1)
        let text = try focusedBox(s, width: 80, height: 24).joined(separator: "\n")
        let numbers = text.split(whereSeparator: { " │[]◆·".contains($0) }).filter { $0.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" } && $0.contains(where: \.isNumber) }
        for n in numbers where n != "0" && n != "1" || text.contains(" 0 ") {
            // The legend's scale ends (0, 1) are the only bare integers allowed.
            if n == "0" || n == "1" { continue }
            XCTAssertTrue(n.contains(".") && n.split(separator: ".").last?.count == 2, "'\(n)' is not at two decimals:\n\(text)")
        }
        XCTAssertTrue(text.contains(".45") || !text.contains(".4 "), text)
        // Presenter mode: X as -2 / .44 / -.1 was the bug; every value keeps two decimals.
        var p = try screen("multi-head", step: 3, presenter: true)
        p.pipelineStage = 0
        let pipeline = view(p, width: 80, height: 24).text
        XCTAssertFalse(pipeline.contains(" -.1 ") || pipeline.contains(" .44 ") || pipeline.contains(" -2 "), pipeline)
    }

    /// Every attention-shaped map says query/key; score maps show −∞ in masked cells and say so.
    func testLabelsSayWhatTheMapShows() throws {
        let s = try screen("masked", step: 1, focus: 0)
        let text = view(s, width: 160, height: 48).text
        XCTAssertTrue(text.contains("query i ↓") && text.contains("key j →"), text)
        XCTAssertFalse(text.contains("row ↓"), text)
        XCTAssertTrue(text.contains("-∞"), "masked scores print −∞, as the prose says:\n\(text)")
        XCTAssertTrue(text.contains("masked: −∞"), text)
        XCTAssertTrue(text.contains("masked: weight 0"), "the weights legend speaks of weights:\n\(text)")
        // Multi-head step 3: the last pipeline stage is concat·W_O, not A·V.
        var mh = try screen("multi-head", step: 3)
        mh.pipelineStage = 99
        let pipeline = view(mh, width: 160, height: 48).text
        XCTAssertTrue(pipeline.contains("7/7 output = concat·W_O"), pipeline)
        XCTAssertFalse(pipeline.contains("Z = A·V"), pipeline)
        // Scaled dot-product step 3 runs unscaled: no /√d_k column that repeats q·k.
        let sdp = view(try screen("scaled-dot-product", step: 3, focus: 1), width: 160, height: 48).text
        XCTAssertFalse(sdp.contains("/√d_k"), sdp)
        // Names from the code never reach the views (the prose column right of column 64 aside).
        for (id, step) in [("soft-read", 4), ("multi-head", 4), ("masked", 6), ("positional", 5)] {
            let t = view(try screen(id, step: step), width: 160, height: 48).lines.map { String($0.dropFirst(64)) }.joined(separator: "\n")
            for name in ["weightSum", "kvCacheFloatsPerToken", "cacheK", "scoresUnrotated", "causalWeights"] {
                XCTAssertFalse(t.contains(name), "\(id) step \(step) shows \(name):\n\(t)")
            }
        }
    }

    /// Controls that used to change nothing visible.
    func testControlsShowTheirEffect() throws {
        // Positional step 5: rows carry positions, and the offset shifts them.
        var pos = try screen("positional", step: 5)
        send(&pos, [.tab])                                  // the score map (the q/k circles come first)
        XCTAssertTrue(view(pos, width: 80, height: 24).text.contains("m=0"))
        send(&pos, [.character("+")])
        let shifted = view(pos, width: 80, height: 24).text
        XCTAssertTrue(shifted.contains("m=1") && shifted.contains("m=6") && !shifted.contains("m=0 "), shifted)
        // Multi-head step 1: the selected query is marked on the map.
        var mh = try screen("multi-head", step: 1)
        XCTAssertTrue(view(mh, width: 80, height: 24).lines.contains { $0.contains("▶ the") })
        mh.controlIndex = try XCTUnwrap(mh.controls.firstIndex { $0.param == "query" })
        send(&mh, [.character("+")])
        XCTAssertTrue(view(mh, width: 80, height: 24).lines.contains { $0.contains("▶ cat") }, view(mh, width: 80, height: 24).text)
        // Cross-attention step 4: padding keys are marked while masked, unmarked once real.
        var cross = try screen("cross-attention", step: 4)
        XCTAssertTrue(view(cross, width: 80, height: 24).text.contains("×<pad>"))
        send(&cross, [.character("}")])
        XCTAssertFalse(view(cross, width: 80, height: 24).text.contains("×<pad>"))
    }

    /// A repeated token is numbered, never shown as a square.
    func testRepeatedTokensDoNotReadAsSquares() throws {
        let text = view(try screen("hard-read", step: 3), width: 80, height: 24).text
        XCTAssertTrue(text.contains("dog#2"), text)
        let viewsPart = view(try screen("hard-read", step: 3), width: 80, height: 24).lines.map { String($0.dropFirst(32)) }.joined()
        XCTAssertFalse(viewsPart.contains("dog²"), viewsPart)
    }

    /// RoPE step 4: circles with the tip's position numbers m = 0…5 around the fast pair; step 5:
    /// the cursor's diagonal underlined, every cell on it the same score.
    func testRopePictureShowsTheFanAndTheDiagonals() throws {
        let s = try screen("positional", step: 4)
        let lines = try focusedBox(s, width: 160, height: 48)
        let text = lines.joined(separator: "\n")
        for m in 0...5 { XCTAssertTrue(lines.contains { $0.contains(" \(m) ") || $0.contains(" \(m)⠀") || $0.contains("\(m)") }, "m = \(m) marked:\n\(text)") }
        XCTAssertTrue(text.contains("pair 0") && text.contains("∠ +171.9°"), text)
        var scores = try screen("positional", step: 5)
        send(&scores, [.tab, .down, .down, .character(".")])     // the score map, cursor (2, 1): m − n = 1
        let grid = view(scores, width: 160, height: 48)
        let underlined = grid.cells.enumerated().filter { $0.element.style.underline && $0.element.character.isNumber }
        XCTAssertFalse(underlined.isEmpty)
        XCTAssertTrue(grid.text.contains("underlined: m − n = 1, all equal"), grid.text)
        let t = try XCTUnwrap(scores.computed?["scores"]).tensor
        for i in 1..<t.rows { XCTAssertEqual(t[i, i - 1], t[1, 0], accuracy: 1e-4, "the diagonal is constant") }
    }
}

/// What changed, presenter enlargement and the solo view.
final class ChangeAndPresenterTests: XCTestCase {
    private let lessons = ExplorerStateTests.lessons

    func testAControlChangeMarksTheCellsThatChanged() throws {
        var s = AppState(lessons: lessons)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == "masked" }), step: 2)   // sliding window
        s.showingIntroduction = false
        let before = view(s, width: 160, height: 48).text
        XCTAssertFalse(before.contains("• changed"), before)
        update(&s, .key(.character("+")))          // window 3 → 4
        let after = view(s, width: 160, height: 48).text
        XCTAssertTrue(after.contains("• changed"), after)
        XCTAssertTrue(after.contains("•"), after)
    }

    /// The marks point at what a change did, then go: at the next key, or when the run loop's
    /// timer calls `fadeChangeMarks` (after `changeMarkMilliseconds`).
    func testTheChangeMarksFadeAtTheNextKeyOrWithTime() throws {
        var s = AppState(lessons: lessons)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == "masked" }), step: 2)   // sliding window
        s.showingIntroduction = false
        update(&s, .key(.character("+")))
        XCTAssertTrue(s.showsChangeMarks)
        XCTAssertTrue(view(s, width: 160, height: 48).text.contains("•"))
        update(&s, .key(.down))                     // a key that changes nothing: the marks go
        XCTAssertFalse(s.showsChangeMarks)
        XCTAssertFalse(view(s, width: 160, height: 48).text.contains("•"))
        // A new change marks afresh, against the picture just before it (window 4 → 5).
        let generation = s.changeGeneration
        update(&s, .key(.character("+")))
        XCTAssertGreaterThan(s.changeGeneration, generation, "a run loop can tell fresh marks from old ones")
        let again = view(s, width: 160, height: 48).text
        XCTAssertTrue(again.contains("• changed"), again)
        // Time passes without a key.
        s.fadeChangeMarks()
        let faded = view(s, width: 160, height: 48).text
        XCTAssertFalse(faded.contains("•"), faded)
        XCTAssertGreaterThan(changeMarkMilliseconds, 500)
        XCTAssertLessThanOrEqual(changeMarkMilliseconds, 5000)
        // A step move marks a partial change too, and the next key clears it.
        update(&s, .key(.right))
        update(&s, .key(.character("?")))
        XCTAssertFalse(s.showsChangeMarks)
    }

    func testPresenterCellsAreWideAndBoldAndZShowsOneView() throws {
        var s = AppState(lessons: lessons, presenter: true)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == "scaled-dot-product" }), step: 1)
        s.showingIntroduction = false
        let grid = view(s, width: 80, height: 24)
        XCTAssertTrue(grid.cells.contains { $0.character.isNumber && $0.style.bold && $0.style.background != .default }, "values in bold")
        XCTAssertEqual(grid.text.components(separatedBy: "┌─").count - 1, 2, grid.text)
        update(&s, .key(.character("z")))
        let solo = view(s, width: 80, height: 24).text
        XCTAssertEqual(solo.components(separatedBy: "┌─").count - 1, 1, "z shows the focused view alone:\n\(solo)")
        // Grey labels are drawn in the text colour on the projector, never dimmed.
        XCTAssertFalse(view(s, width: 80, height: 24).cells.contains { $0.style.dim }, "nothing dim on the projector")
    }
}

/// Several heatmaps side by side when the screen is wide enough.
final class TiledViewsTests: XCTestCase {
    func testFourHeadsSideBySideAt160Columns() throws {
        let lessons = ExplorerStateTests.lessons
        var s = AppState(lessons: lessons)
        s.open(lesson: try XCTUnwrap(lessons.firstIndex { $0.id == "multi-head" }), step: 1)
        s.showingIntroduction = false
        let grid = view(s, width: 160, height: 48)
        let titles = grid.lines.filter { $0.contains("· head ") }
        XCTAssertEqual(titles.count, 2, "two rows of two maps:\n\(grid.text)")
        XCTAssertTrue(titles[0].contains("1/4 · head 0") && titles[0].contains("2/4 · head 1"), titles[0])
        XCTAssertFalse(grid.text.contains("2 rows per line"), "no head squeezed into half blocks:\n\(grid.text)")
        // At 80×24 there is no room for two: the focused map in full, the others behind Tab.
        XCTAssertTrue(view(s, width: 80, height: 24).text.contains("more views: Tab"))
    }
}
