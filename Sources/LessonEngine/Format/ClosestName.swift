/// "Did you mean …?" suggestions for misspelt field, op and view names.
///
/// Edit distance (Levenshtein) on lowercased names; a suggestion is only offered when it is
/// close enough to be a plausible typo, so `tempreature` suggests `temperature` but `zzz`
/// suggests nothing.
func closestName(to name: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    guard !target.isEmpty, target.count <= 64 else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
        let d = editDistance(target, Array(candidate.lowercased()))
        if best == nil || d < best!.1 { best = (candidate, d) }
    }
    guard let (name, distance) = best else { return nil }
    // Allow about one typo per three letters, at least one.
    return distance <= max(1, target.count / 3) ? name : nil
}

/// " (did you mean 'x'?)" or "", in English, for messages not yet in the catalog
/// (`suggestionText(_:_:)` renders the catalog's own in any language).
func suggestion(for name: String, in candidates: some Sequence<String>) -> String {
    suggestionText(closestName(to: name, in: candidates), .en)
}

/// Levenshtein distance with one rolling row.
func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

