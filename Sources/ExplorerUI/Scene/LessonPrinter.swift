import LessonEngine

/// One step as text: a heading, the prose, then each view drawn by the same widgets as the explorer.
public func renderStepText(_ lesson: Lesson, step index: Int, width: Int, depth: ColorDepth) -> String {
    let step = lesson.steps[index]
    let theme = Theme.dark.reduced(to: depth)
    var blocks: [CellGrid] = []
    var heading = CellGrid(width: width, height: 2)
    heading.put("\(lesson.title) — step \(index + 1)/\(lesson.steps.count): \(step.title)", x: 0, y: 0, style: theme.title)
    blocks.append(heading)
    let prose = ProseView(markdown: step.prose, depth: depth, theme: theme)
    let proseHeight = prose.lineCount(width: width)
    var proseGrid = CellGrid(width: width, height: proseHeight + 1)
    prose.render(in: Rect(x: 0, y: 0, width: width, height: proseHeight), grid: &proseGrid)
    blocks.append(proseGrid)
    if let scene = step.scene {
        do {
            let computed = try evaluate(scene, overrides: [:])
            let renderer = SceneRenderer(scene: computed, style: SceneStyle(depth: depth, theme: theme))
            for v in renderer.drawableViews {
                let h = renderer.preferredHeight(of: v, width: width) + 2
                var g = CellGrid(width: width, height: h)
                let inner = Box(title: v.title, theme: theme).render(in: g.bounds, grid: &g)
                var plain = v
                plain.title = ""
                renderer.render(plain, in: inner, grid: &g)
                blocks.append(g)
            }
        } catch {
            var g = CellGrid(width: width, height: 2)
            g.put("scene error: \(error)", x: 0, y: 0, style: theme.error)
            blocks.append(g)
        }
    }
    return blocks.map { ansiText($0, depth: depth) }.joined(separator: "\n") + "\n\n"
}
