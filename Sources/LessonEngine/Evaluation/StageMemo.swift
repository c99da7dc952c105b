import AttentionKernel
import Foundation

/// Results of stages already computed, for the life of the process, keyed by everything a stage
/// reads: its op, inputs, options, the tensors it can see (declared ones and earlier stages'
/// results), the tokens and the parameter values it was given.
///
/// A control change gives a new key only to the stages that read the changed value, directly or
/// through an earlier stage's result; every stage above them is found here instead of being
/// recomputed. Bounded: when full, it starts again empty.
final class StageMemo: @unchecked Sendable {
    static let shared = StageMemo()

    struct Key: Hashable {
        var stage: String?
        var layer: Int?
        var op: String
        var inputs: [String: NamedReference]
        var options: [String: SceneOption]
        var tensors: [TensorSpec]
        var params: [String: SceneOption]
        var tokens: [String]
        var keyTokens: [String]?
        var values: [String: ParameterValue]
    }

    struct Entry {
        var tensors: [NamedTensor]
        var notes: [String]
    }

    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private(set) var hits = 0
    private(set) var misses = 0
    let capacity = 512

    func entry(_ key: Key) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        if let e = entries[key] { hits += 1; return e }
        misses += 1
        return nil
    }

    func store(_ entry: Entry, for key: Key) {
        lock.lock(); defer { lock.unlock() }
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = entry
    }

    /// Forgets every stage (tests that take the models away: a kept model stage would hide it).
    func removeAll() {
        lock.lock(); defer { lock.unlock() }
        entries.removeAll()
    }

    /// Counts of lookups that found a stage and that had to compute it, for tests and `bench`.
    var counts: (hits: Int, misses: Int) {
        lock.lock(); defer { lock.unlock() }
        return (hits, misses)
    }
}

/// Declared tensors made once for the life of the process (seeded random matrices, embeddings,
/// and in time a real model's weights), keyed by how they are made and the `$parameters` they read.
final class TensorStore: @unchecked Sendable {
    static let shared = TensorStore()

    struct Key: Hashable {
        var source: TensorSource
        var tokens: [String]
        var parameters: [String: Double]
    }

    private let lock = NSLock()
    private var tensors: [Key: Tensor] = [:]
    private var elements = 0
    /// About 64 MB of Float: enough for a small real model's weights.
    let maximumElements = 16_000_000

    func tensor(_ key: Key, make: () throws -> Tensor) rethrows -> Tensor {
        lock.lock()
        if let t = tensors[key] { lock.unlock(); return t }
        lock.unlock()
        let t = try make()
        lock.lock(); defer { lock.unlock() }
        if elements + t.scalars.count > maximumElements { tensors.removeAll(); elements = 0 }
        tensors[key] = t
        elements += t.scalars.count
        return t
    }
}

extension TensorSource {
    /// The `$parameters` this source reads.
    var parameterNames: [String] {
        func names(_ refs: [NumberRef]) -> [String] {
            refs.compactMap { if case .parameter(let n) = $0.value { return n } else { return nil } }
        }
        switch self {
        case .rows, .vector, .onehot: return []
        case let .normal(shape, seed, mean, std): return names(shape + [seed, mean, std])
        case let .uniform(shape, seed, low, high): return names(shape + [seed, low, high])
        case let .embed(_, dim, seed, std): return names([dim, seed, std])
        }
    }
}
