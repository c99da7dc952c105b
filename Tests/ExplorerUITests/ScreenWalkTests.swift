import AttentionKernel
@testable import ExplorerUI
import LessonEngine
import XCTest

/// Every step of every lesson, at 80×24 and 160×48, in English and in Russian, as a student and
/// on the projector, with each view focused in turn: what is on screen must read correctly.
///
/// Fails on text cut without a visible `…` (every cut `CellGrid.put` makes is recorded, and the
/// mark must still be on screen once everything is drawn), on a view drawn empty, and on a heatmap cell whose printed number is not the cell's
/// value at two decimals (a rounded `0` for 0.45 is worse than no number: colour alone is
/// right, and the cursor footer gives the value).
final class ScreenWalkTests: XCTestCase {
    static let sizes = [(80, 24), (160, 48)]

    func testEveryStepOfEveryLessonReadsWell() throws {
        var failures: [String] = []
        var screens = 0
        for language in Language.allCases {
        for (i, lesson) in ExplorerStateTests.lessons.enumerated() {
            for presenter in [false, true] {
                var s = AppState(lessons: ExplorerStateTests.lessons, presenter: presenter, language: language)
                s.open(lesson: i)
                // The introduction is a screen too, and its words are the longest.
                for (w, h) in Self.sizes {
                    failures += problems(s, width: w, height: h).map { "\(lesson.id) \(language) introduction \(w)×\(h): \($0)" }
                }
                for step in lesson.steps.indices {
                    s.go(to: step)
                    for (w, h) in Self.sizes {
                        for focus in 0..<max(1, drawableViews(s).count) {
                            s.focusedView = focus
                            let place = "\(lesson.id) \(language) step \(step + 1) \(w)×\(h)\(presenter ? " presenter" : "") focus \(focus)"
                            failures += problems(s, width: w, height: h).map { "\(place): \($0)" }
                            screens += 1
                        }
                        s.focusedView = 0
                        // With the exercise panel open: it must not cut text or hide the views.
                        if !s.stepExercises.isEmpty {
                            update(&s, .key(.character("e")))
                            let place = "\(lesson.id) \(language) step \(step + 1) \(w)×\(h)\(presenter ? " presenter" : "") exercise panel"
                            failures += problems(s, width: w, height: h).map { "\(place): \($0)" }
                            if !presenter, drawableViews(s).count > 0,
                               placeViews(drawableViews(s), focused: 0, renderer: SceneRenderer(scene: s.computed!, style: lessonSceneStyle(s, theme: s.theme)),
                                          in: lessonAreas(s, width: w, height: h).views).count == 0 {
                                failures.append("\(place): the panel hides every view")
                            }
                            s.exercisePanel = nil
                        }
                    }
                }
                // The key list, whose Russian descriptions are the longest lines it has.
                s.showHelp = true
                for (w, h) in Self.sizes {
                    failures += problems(s, width: w, height: h).map { "\(lesson.id) \(language) help \(w)×\(h): \($0)" }
                }
                s.showHelp = false
            }
        }
        // The lesson list.
        for (w, h) in Self.sizes {
            failures += problems(AppState(lessons: ExplorerStateTests.lessons, language: language), width: w, height: h).map { "\(language) lesson list \(w)×\(h): \($0)" }
        }
        }
        XCTAssertGreaterThan(screens, 600)
        XCTAssertTrue(failures.isEmpty, "\(failures.count) problems:\n" + failures.prefix(40).joined(separator: "\n"))
    }

    /// What is wrong with the screen of `s` at `width` × `height`, in sentences.
    func problems(_ s: AppState, width: Int, height: Int) -> [String] {
        let grid = view(s, width: width, height: height)
        var found: [String] = []
        let lines = grid.lines
        for cut in grid.cuts where grid[cut.x, cut.y].character != "…" {
            found.append("text cut at column \(cut.x) without …: \(lines[cut.y])")
        }
        guard s.screen == .lesson, !s.showingIntroduction, !s.showHelp, let computed = s.computed else { return found }
        let views = drawableViews(s)
        let renderer = SceneRenderer(scene: computed, style: lessonSceneStyle(s, theme: s.theme.reduced(to: s.depth)))
        let placements = placeViews(views, focused: s.focusedView, renderer: renderer, in: lessonAreas(s, width: width, height: height).views)
        XCTAssertFalse(views.isEmpty && placements.isEmpty && !views.isEmpty)
        if !views.isEmpty && placements.isEmpty { found.append("no view drawn") }
        for p in placements {
            let inner = p.box.inset(by: 1)
            let text = (inner.y..<inner.maxY).map { y in (inner.x..<inner.maxX).map { String(grid[$0, y].character) }.joined() }
            if text.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                found.append("view \(p.index + 1) '\(views[p.index].title)' is empty")
            }
            if views[p.index].kind == .heatmap, let name = views[p.index].tensors.first, let t = computed[name] {
                found += cellProblems(renderer.heatmap(t, title: nil, cursor: s.cursor), in: inner, grid: grid, name: name)
            }
        }
        return found
    }

    /// Heatmap cells whose printed number is not their value at two decimals (none for a
    /// matrix of whole numbers).
    func cellProblems(_ heatmap: HeatmapView, in area: Rect, grid: CellGrid, name: String) -> [String] {
        var map = heatmap
        map.range = map.valueRange
        let layout = map.layout(in: area)
        guard !layout.isHalfBlock else { return [] }
        var found: [String] = []
        for i in layout.visibleRows {
            for j in layout.visibleColumns {
                guard let rect = layout.rect(of: MatrixIndex(row: i, column: j))?.intersection(area), !rect.isEmpty else { continue }
                let y = rect.y + (rect.height - 1) / 2
                let shown = (rect.x..<rect.maxX).map { String(grid[$0, y].character) }.joined()
                    .trimmingCharacters(in: CharacterSet(charactersIn: " []◆·•"))
                guard !shown.isEmpty else { continue }
                if heatmap.isMasked(row: i, column: j) {
                    if shown != "-∞" { found.append("\(name)(\(i),\(j)) masked but shows '\(shown)'") }
                    continue
                }
                let mark = String(heatmap.language.numbers.decimalMark)
                let exact = formatFixed(heatmap.values[i][j], decimals: heatmap.valueDecimals, format: heatmap.language.numbers)
                let allowed = [exact, exact.replacingOccurrences(of: "0" + mark, with: mark)]
                if !allowed.contains(shown) { found.append("\(name)(\(i),\(j)) = \(exact) shows '\(shown)'") }
            }
        }
        return found
    }
}
