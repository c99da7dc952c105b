/// The words of display names and captions, in every language: the declarations (`Operations/*.swift`,
/// `tensorDisplay`) keep their English text, which is each key's raw value, and this catalog gives
/// the other languages. Maths (`Q = X·W_Q`, `S/√d_k`) has no entry and reads the same everywhere.
public enum TensorText: String, Catalog {
    case tokenEmbeddingsOneRowPerToken = "token embeddings, one row per token"
    case tokenIds = "token ids"
    case eachTokensIdInTheModelsVocabulary = "each token's id in the model's vocabulary"
    case headHOfTheChosenLayer = "head h of the chosen layer: each row sums to 1"
    case kvHeadOfEachQueryHead = "KV head of each query head"
    case theKvHeadEachQueryHeadReads = "the KV head each query head reads (GQA); in BERT, its own"
    case weightOnTokenIMinus1 = "weight on token i−1, per layer and head"
    case meanWeightOnThePreviousToken = "(layer, head): mean weight a token gives the token just before it (queries 1…T−1)"
    case weightOnTheFirstToken = "weight on the first token, per layer and head"
    case meanWeightOnTheFirstToken = "(layer, head): mean weight queries 1…T−1 give the first token ([CLS] in BERT)"
    case weightOnTheLastToken = "weight on the last token, per layer and head"
    case meanWeightOnTheLastToken = "(layer, head): mean weight queries 0…T−2 give the last token ([SEP] in BERT)"
    case encoderSideEmbeddingsTheSentenceThe = "encoder-side embeddings: the sentence the keys come from"
    case xAfterRopeEachPairTurned = "X after RoPE: each pair turned by m·θ_i"
    case theQueryVector = "the query vector"
    case oneKeyPerToken = "one key per token"
    case oneValuePerToken = "one value per token"
    case queriesOneRowPerToken = "queries, one row per token"
    case keysOneRowPerToken = "keys, one row per token"
    case valuesOneRowPerToken = "values, one row per token"
    case learnedProjectionMatrix = "learned projection matrix"
    case scoresAfterRopeEqualAlongEach = "scores after RoPE: equal along each diagonal (m − n fixed)"
    case theQueryDotProductWithEach = "the query's dot product with each key"
    case scoresQueryIDotProductWith = "scores: query i's dot product with key j"
    case xXBeforeRotationTheSame = "X·Xᵀ before rotation: the same score everywhere"
    case theSoftmaxNumerators = "the softmax's numerators"
    case scoresDividedByDKWhat = "scores divided by √d_k (what the softmax sees)"
    case scaledScoresWithWhereTheMask = "scaled scores with −∞ where the mask hides a key"
    case whereQueryIMayReadKey = "1 where query i may read key j, 0 where it may not"
    case attentionWeightsEachRowSumsTo = "attention weights: each row sums to 1"
    case theWholeCausalMapComputedAt = "the whole causal map computed at once"
    case theLastTokenAttentionOverThe = "the last token's attention over the cache"
    case expQKOverItsSum = "exp(q·k) over its sum: how much of each value the read takes"
    case eachScoreOverTheSumOf = "each score over the sum of the scores"
    case howMuchOfEachValueThe = "how much of each value the read takes"
    case whereTheKeyEqualsTheQuery = "1 where the key equals the query"
    case theSumOfTheWeightsOnly = "the sum of the weights: 1 only for a softmax"
    case theHeadsOutputsMixedByW = "the heads' outputs mixed by W_O"
    case theReadValueTheValuesMixed = "the read value: the values mixed by the weights"
    case eachRowIsAWeightedMix = "each row is a weighted mix of the values"
    case thisHeadOutput = "this head's output"
    case theHeadsOutputsSideBySide = "the heads' outputs side by side, width H·d_h"
    case numbersStoredPerTokenPerLayer = "numbers stored per token per layer: 2·H_kv·d_h"
    case theKeysKeptFromEarlierTokens = "the keys kept from earlier tokens"
    case theValuesKeptFromEarlierTokens = "the values kept from earlier tokens"
    case theQueryOfTheTokenBeing = "the query of the token being generated"
    case sinusoidalPositionEncodingsRowMColumns = "sinusoidal position encodings: row m, columns sin/cos pairs"
    case rotationAngleOfPairIAt = "rotation angle of pair i at position m (radians)"
    case slopeIJFarKeysGet = "−slope·|i − j|: far keys get a lower score"
    case oneAlibiSlopePerHead = "one ALiBi slope per head"
    case mHForEachHead = "m_h for each head"
    case mHIJ = "−m_h·|i−j|"
    case theSoftmaxOfTheBiasAlone = "the softmax of the bias alone"
    case theSublayerResultAddedBackTo = "the sublayer's result added back to the stream"
    case theQueriesOneRowPerToken = "the queries, one row per token"
    case theKeysOneRowPerKey = "the keys, one row per key token"
    case theValuesOneRowPerKey = "the values, one row per key token"
    case whereAQueryMaySeeA = "1 where a query may see a key, 0 where it is masked"
    case everyQueryDotProductWithEvery = "every query's dot product with every key"
    case theScoresScaledSoTheirSpread = "the scores scaled so their spread does not grow with d_k"
    case theScaledScoresWithWhereThe = "the scaled scores with −∞ where the mask forbids a key"
    case softmaxOfEachRowHowMuch = "softmax of each row: how much each query reads each key"
    case eachQueryWeightedAverageOfThe = "each query's weighted average of the values"
    case whereAKeyEqualsTheQuery = "1 where a key equals the query exactly"
    case mOnEachOfMMatches = "1/m on each of m matches"
    case theAverageOfTheMatchingValues = "the average of the matching values; absent when nothing matches"
    case eachTokenIdItsPlaceAmong = "each token's id: its place among the distinct tokens, in order of first appearance"
    case oneRowPerDistinctToken = "one row per distinct token"
    case rowIdsTOfTheTable = "row ids[t] of the table for every token t"
    case theFirstLinearDH = "the first linear, d → H"
    case theSecondLinearHD = "the second linear, H → d"
    case eachRowWidenedToH = "each row widened to H"
    case theActivationElementwise = "the activation, elementwise"
    case eachRowBackToWidthD = "each row back to width d, computed from that row alone"
    case allTheWeightOnTheFirst = "all the weight on the first match"
    case theFirstMatchingKeyValueAbsent = "the first matching key's value; absent when nothing matches"
    case theKeysCachedSoFar = "the keys cached so far"
    case theValuesCachedSoFar = "the values cached so far"
    case theNewestQuery = "the newest query"
    case theNewestQueryWeightsOverThe = "the newest query's weights over the cached keys"
    case stepsTZerosForKeysNot = "steps × T, zeros for keys not yet cached"
    case oneOutputRowPerStepSo = "one output row per step so far"
    case fullCausalAttentionForComparison = "full causal attention, for comparison"
    case eachRowMean = "each row's mean"
    case eachRowVarianceDividedByD = "each row's variance (divided by d, not d − 1)"
    case eachRowWithMeanAndVariance = "each row with mean 0 and variance 1, then scaled by γ and shifted by β"
    case eachRowOfXTransformedAlone = "each row of x transformed alone"
    case theQueryProjectionsOfEveryHead = "the query projections of every head, side by side"
    case theKeyProjectionsOfEveryK = "the key projections of every K/V head"
    case theValueProjectionsOfEveryK = "the value projections of every K/V head"
    case mixesTheConcatenatedHeadsBackTo = "mixes the concatenated heads back to width D"
    case headHQueries = "head h's queries"
    case headHKeys = "head h's keys"
    case headHValues = "head h's values"
    case headHAttentionMap = "head h's attention map"
    case headHOutputWithoutAHead = "head h's output; without a head, the block's output concat·W_O"
    case theHeadsOutputsSideBySide2 = "the heads' outputs side by side"
    case numbersAKvCacheKeepsPer = "numbers a KV cache keeps per token: 2·H_kv·d_h"
    case eachRowRootMeanSquareMean = "each row's root mean square √(mean(x²))"
    case eachRowDividedByItsRms = "each row divided by its RMS (the mean is kept), then scaled by γ"
    case mIWithIBaseI = "m·θ_i with θ_i = base^(−2i/d)"
    case theRowsAfterRotation = "the rows after rotation"
    case xRotXRot = "X_rot·X_rotᵀ"
    case xxWithoutRope = "XXᵀ, without RoPE"
    case sinAndCosColumnsAtGeometric = "sin and cos columns at geometric wavelengths"
    case theSimilaritiesQKForExpdot = "the similarities (q·k for expDot)"
    case expQKExpdotOnly = "exp(q·k/τ), expDot only"
    case theSumBeingNormalised = "the sum being normalised"
    case theSimilaritiesDividedByTheirSum = "the similarities divided by their sum"
    case theWeightedSumOfTheValues = "the weighted sum of the values"
    case theBranchThatGoesThroughSilu = "the branch that goes through SiLU"
    case theLinearBranch = "the linear branch"
    case theGateOpensOrClosesEach = "the gate opens or closes each hidden unit of the linear branch"
    case eachRowBackToWidthD2 = "each row back to width d, from that row alone"
    case eachRowKLargestEntriesLargest = "each row's k largest entries, largest first"
    case theirColumnsTiesTheLowerIndex = "their columns (ties: the lower index first)"
    case theFollowedTokenVectorAfterEach = "the followed token's vector after each stage, top to bottom"
    case whatTheBlockHandsToThe = "what the block hands to the next one"
    case xRotated = "X rotated"
    case sWithoutRope = "S without RoPE"
    case maskM = "mask M"
    case aFullCausal = "A, full causal"
    case newQueryWeights = "new query's weights"
    case weight = "weight"
    case match = "match"
    case weights = "Σ weights"
    case kvCachePerToken = "KV cache per token"
    case cachedK = "cached K"
    case cachedV = "cached V"
    case newQ = "new q"
    case alibiBias = "ALiBi bias"
    case slopes = "slopes"
    case scoresSQk = "scores S = QKᵀ"
    case attentionWeightsA = "attention weights A"
    case outputZAV = "output Z = A·V"
    case embeddings = "embeddings"
    case theResidualStream = "the residual stream"
    case blockOutput = "block output"
    case attentionWeights = "attention weights"
    case headSuffix = ", head {head}"
    case modelLayerHead = "layer {layer} · head {head}"
    case modelHeadSharing = "head {head} · KV head {kv}, shared with {others}"

    public static func entries(_ language: Language) -> [TensorText: String] {
        switch language {
        case .en: return Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.rawValue) })
        case .ru: return russian
        }
    }

    /// Entries that read the same in every language.
    static let sameInEveryLanguage: Set<TensorText> = []

    /// A display name or caption declared in English, in `language`; text the catalog does not
    /// know (maths, names from the file) stays as it is. A per-head name (`A = softmax, head 2`)
    /// keeps its head.
    public static func localized(_ english: String, _ language: Language) -> String {
        guard language != .en, !english.isEmpty else { return english }
        if let entry = TensorText(rawValue: english) { return entry.text(language) }
        if let title = modelHeadTitle(english, language) { return title }
        if let r = english.range(of: ", head ", options: .backwards), let head = Int(english[r.upperBound...]) {
            return localized(String(english[..<r.lowerBound]), language) + headSuffix.text(language, ["head": "\(head)"])
        }
        return english
    }

    /// A model stage's head titles (`Operations/Model.swift`): `layer 3 · head 5` and
    /// `head 4 · KV head 1, shared with 3, 5`, with their numbers kept.
    static func modelHeadTitle(_ english: String, _ language: Language) -> String? {
        let parts = english.components(separatedBy: " · ")
        guard parts.count == 2 else { return nil }
        func number(after prefix: String, in text: String) -> String? {
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count)
            let digits = rest.prefix { $0.isNumber }
            return digits.isEmpty ? nil : String(digits)
        }
        if let layer = number(after: "layer ", in: parts[0]), let head = number(after: "head ", in: parts[1]) {
            return modelLayerHead.text(language, ["layer": layer, "head": head])
        }
        if let head = number(after: "head ", in: parts[0]), let kv = number(after: "KV head ", in: parts[1]),
           let shared = parts[1].range(of: ", shared with ") {
            return modelHeadSharing.text(language, ["head": head, "kv": kv, "others": String(parts[1][shared.upperBound...])])
        }
        return nil
    }
}
