import LessonEngine

/// The `heads` view: every head of a per-head tensor (a model layer's weights) as a thumbnail.
extension SceneRenderer {
    func headThumbnails(_ view: ResolvedView) -> HeadThumbnailsView? {
        let tensors = view.tensors.compactMap { tensor($0) }
        guard let first = tensors.first, first.rank == 2 else { return nil }
        let kv = scene["kvHead"]?.scalars
        let gqa = kv.map { Set($0).count < $0.count } ?? false
        let labels = tensors.map { t -> String in
            let h = t.key.head ?? 0
            guard gqa, let kv, h < kv.count else { return String(h) }
            return "\(h)·kv\(Int(kv[h]))"
        }
        return HeadThumbnailsView(
            maps: tensors.map { $0.matrixRows }, labels: labels, selected: view.head,
            colorMap: style.colorMap, depth: style.depth, theme: style.theme,
            legend: ModelText.headsLegend.text(language), shortLegend: ModelText.headsLegendShort.text(language))
    }

    /// "all 12 heads of layer 2 · head 5 marked".
    func headsTitle(_ view: ResolvedView) -> String {
        let layer = scene.parameters["layer"].map { String(Int($0)) } ?? "–"
        return ModelText.headsTitle.text(language, ["count": String(view.keys.count), "layer": layer])
    }
}
