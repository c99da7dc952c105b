import Foundation

/// Readable printing: `Tensor(shape: (2, 3))` followed by aligned rows.
extension Tensor: CustomStringConvertible {
    public var description: String {
        var out = "Tensor(shape: \(formatShape(shape)))"
        guard count > 0 else { return out }
        let width = scalars.map { formatScalar($0).count }.max() ?? 1
        let cols = max(1, columns)
        let limitRows = 12
        let totalRows = count / cols
        for r in 0..<min(totalRows, limitRows) {
            let cells = (0..<cols).map { c -> String in
                let s = formatScalar(scalars[r * cols + c])
                return String(repeating: " ", count: width - s.count) + s
            }
            out += "\n  [" + cells.joined(separator: " ") + "]"
        }
        if totalRows > limitRows { out += "\n  … \(totalRows - limitRows) more rows" }
        return out
    }
}

/// A scalar with four decimals, `-∞` for masked entries.
public func formatScalar(_ x: Float, decimals: Int = 4) -> String {
    if x == -.infinity { return "-∞" }
    if x == .infinity { return "∞" }
    if x.isNaN { return "NaN" }
    var s = String(format: "%.\(decimals)f", Double(x))
    if s.hasPrefix("-"), Double(s) == 0 { s.removeFirst() }
    return s
}
