import AttentionKernel

/// A problem with a scene: a field, tensor, view or control the decoder refuses, or a value that
/// stops it from evaluating. Carried by lesson diagnostics and by `SceneError`.
public indirect enum SceneProblem: Localizable, Hashable {
    // Decoding: the scene and its stages
    case noOp(choices: [String])
    case unknownOp(String, suggestion: String?)
    case tooManyTokens(field: String, count: Int, limit: Int)
    case builtInOptionInParams(String)
    case noSuchInput(op: String, input: String, reads: [String])
    case unusedOption(op: String, option: String, suggestion: String?)
    case missingRequired(op: String, field: String)
    case unknownTensor(String, suggestion: String?)
    case keyTokensNotApplicable(ops: [String])
    case unknownChoice(option: String, value: String, suggestion: String?, choices: [String])
    case unknownView(String, suggestion: String?)
    case viewNeedsKind(choices: [String])
    case viewHasNoField(view: String, field: String, suggestion: String?)
    case stagesEmpty
    case stagedTopLevelField(String)
    case stageNeedsName
    case stageNameInvalid(String)
    case duplicateStage(String)
    case stageHasNoOp(stage: String, choices: [String])
    case stageReadsUnknown(stage: String, reference: String, suggestion: String?)

    // Decoding: controls
    case controlNeedsParam(available: [String])
    case noParameterToControl(op: String, parameter: String, suggestion: String?)
    case alreadyControlled(String)
    case valuesEmpty(parameter: String)
    case valueNotAChoice(index: Int, value: String, parameter: String, suggestion: String?)
    case valuesNotApplicable
    case controlNeedsRange(parameter: String)
    case controlMinAboveMax(parameter: String, min: Double, max: Double)
    case controlStepNotPositive(parameter: String, step: Double)
    case controlNeedsWholeNumbers(parameter: String)
    case controlDefaultOutside(parameter: String, value: Double, min: Double, max: Double)
    case queryControlOffTokens(min: Double, max: Double, tokens: Int)

    // Decoding: tensors
    case tensorNeedsKind(Subject, kinds: [String], suggestion: String?)
    case tensorNeedsField(Subject, field: String)
    case tensorNeedsShape(Subject)
    case shapeSizeCount(Subject, count: Int)
    case unknownDistribution(Subject, name: String, suggestion: String?)
    case tokenSideInvalid(Subject, got: String)
    case tensorTooManyValues(Subject, limit: Int)
    case rowLengthMismatch(Subject, row: Int, count: Int, first: Int)
    case tensorEmpty(Subject)

    // Evaluation
    /// The kernel refused its input; `detail` is the kernel's own (English) sentence.
    case opCannotRun(op: String, detail: String)
    case needsTensor(op: String, tensor: String, slot: String, suggestion: String?)
    case rowsMismatch(tensor: String, rows: Int, labels: [String], side: RowSide)
    case maskRefused(kind: String, detail: String)
    case temperatureNotPositive(Double)
    case unknownParameterForOp(String, suggestion: String?, op: String)
    case parameterNotFinite(String, value: Double)
    case unknownParameterReference(String, suggestion: String?)
    case wholeNumberOutOfRange(Subject, low: Int, high: Int, got: Double)
    case notFiniteNumber(parameter: String, value: Double)
    case takesWholeNumbers(parameter: String, value: Double)
    case beyondFloat(parameter: String, value: Double)
    case belowFloat(parameter: String, value: Double)
    case nonFiniteResult(nan: Bool, tensor: String, index: Int, count: Int)
    case tooManyValues(values: Double, sizes: String, limit: Int)
    case tooManyOperations(flops: Double, sizes: String, limit: Double)
    case headOutside(head: Int, last: Int)
    case viewShowsMissing(view: String, tensor: String, suggestion: String?)
    case queryOutside(query: Int, last: Int, tensor: String)
    case keyRowOutside(key: Int, last: Int, tensor: String)
    case ropeViewNeedsRope(op: String)
    case embedsMissingSide(Subject, side: String)
    case onehotMissingSide(Subject, side: String)
    /// The kernel refused a declared tensor.
    case tensorRefused(Subject, detail: String)
    case tensorTooLarge(name: String, count: Int, limit: Int)
    case parameterTakesNumber(String, got: ParameterValue)
    case notAChoice(parameter: String, value: String, choices: [String], suggestion: String?)
    case takesAName(parameter: String, choices: [String], got: ParameterValue)
    case takesBool(parameter: String, got: String)
    case takesBoolNumber(parameter: String, got: ParameterValue)
    case notAToken(parameter: String, value: String, tokens: [String], suggestion: String?)
    case takesAToken(parameter: String, last: Int, got: ParameterValue)
    case takesANumber(parameter: String, got: ParameterValue)
    case isAList(parameter: String)
    case mustBeFromOneTo(parameter: String, limit: Int, got: Int)
    case kvCacheShapes(q: [Int], k: [Int], v: [Int])
    case stepOutside(step: Int, last: Int)
    case followOutside(follow: Int, last: Int)
    case seedNegative(Int)
    case positionOutOfRange(Int)
    case unknownLessonParameter(String, suggestion: String?, step: Int?)
    /// A problem that appears only when a control moves `parameter` to `value`.
    case whenControlSets(parameter: String, value: Double, problem: SceneProblem, line: Int)
    /// Something other than a scene error stopped the scene, in its own words.
    case sceneFailed(detail: String)
    /// A sentence from outside the catalog, the same in every language.
    case verbatim(String)

    // A trained model's stage (`op: model`).
    case modelLayerOutside(layer: Int, model: String, layers: Int)
    case modelGenerateRange(got: Int, limit: Int)
    case modelDoesNotGenerate(model: String)
    case modelSentenceEmpty
    case modelNotInstalled(model: String, command: String)
    case modelFailed(model: String, reason: String)

    /// Which tokens a per-token input must have one row for.
    public enum RowSide: Sendable, Hashable { case tokens, queryTokens, keyTokens, tokensPerKey }

    public func text(_ language: Language) -> String {
        func t(_ key: EngineText, _ arguments: [String: String] = [:]) -> String { key.text(language, arguments) }
        func names(_ list: [String]) -> String { listOfNames(list, language) }
        func number(_ x: Double) -> String { messageNumber(x, language) }
        func value(_ v: ParameterValue) -> String { v.text(language) }
        func what(_ s: Subject) -> String { s.text(language) }
        func of(_ s: Subject) -> String { s.text(language, .genitive) }
        let s = { (name: String?) in suggestionText(name, language) }
        switch self {
        case .noOp(let choices): return t(.noOp, ["choices": names(choices)])
        case let .modelLayerOutside(layer, model, layers):
            return t(.modelLayerOutside, ["layer": "\(layer)", "last": "\(layers - 1)", "model": model, "layers": "\(layers)"])
        case let .modelGenerateRange(got, limit): return t(.modelGenerateRange, ["got": "\(got)", "limit": "\(limit)"])
        case .modelDoesNotGenerate(let model): return t(.modelDoesNotGenerate, ["model": model])
        case .modelSentenceEmpty: return t(.modelSentenceEmpty)
        case let .modelNotInstalled(model, command): return t(.modelNotInstalled, ["model": model, "command": command])
        case let .modelFailed(model, reason): return t(.modelFailed, ["model": model, "reason": reason])
        case let .unknownOp(name, suggestion): return t(.unknownOp, ["name": name]) + s(suggestion)
        case let .tooManyTokens(field, count, limit): return t(.tooManyTokens, ["field": field, "count": "\(count)", "limit": "\(limit)"])
        case .builtInOptionInParams(let name): return t(.builtInOptionInParams, ["name": name])
        case let .noSuchInput(op, input, reads):
            let takes = reads.isEmpty ? t(.takesNoInputs) : t(.readsInputs, ["inputs": names(reads)])
            return t(.noSuchInput, ["op": op, "input": input, "takes": takes])
        case let .unusedOption(op, option, suggestion): return t(.unusedOption, ["op": op, "option": option]) + s(suggestion)
        case let .missingRequired(op, field): return t(.missingRequired, ["op": op, "field": field])
        case let .unknownTensor(name, suggestion): return t(.unknownTensor, ["name": name]) + s(suggestion)
        case .keyTokensNotApplicable(let ops):
            return t(.keyTokensNotApplicable, ["ops": ops.joined(separator: " " + t(.and) + " ")])
        case let .unknownChoice(option, v, suggestion, choices):
            return t(.unknownChoice, ["option": option, "value": v, "suggestion": s(suggestion), "choices": names(choices)])
        case let .unknownView(name, suggestion): return t(.unknownView, ["name": name]) + s(suggestion)
        case .viewNeedsKind(let choices): return t(.viewNeedsKind, ["choices": names(choices)])
        case let .viewHasNoField(view, field, suggestion): return t(.viewHasNoField, ["view": view, "field": field]) + s(suggestion)
        case .stagesEmpty: return t(.stagesEmpty)
        case .stagedTopLevelField(let field): return t(.stagedTopLevelField, ["field": field])
        case .stageNeedsName: return t(.stageNeedsName)
        case .stageNameInvalid(let name): return t(.stageNameInvalid, ["name": name])
        case .duplicateStage(let name): return t(.duplicateStage, ["name": name])
        case let .stageHasNoOp(stage, choices): return t(.stageHasNoOp, ["stage": stage, "choices": names(choices)])
        case let .stageReadsUnknown(stage, reference, suggestion):
            return t(.stageReadsUnknown, ["stage": stage, "reference": reference]) + s(suggestion)

        case .controlNeedsParam(let available): return t(.controlNeedsParam, ["choices": names(available)])
        case let .noParameterToControl(op, parameter, suggestion):
            return t(.noParameterToControl, ["op": op, "parameter": parameter]) + s(suggestion)
        case .alreadyControlled(let parameter): return t(.alreadyControlled, ["parameter": parameter])
        case .valuesEmpty(let parameter): return t(.valuesEmpty, ["parameter": parameter])
        case let .valueNotAChoice(index, v, parameter, suggestion):
            return t(.valueNotAChoice, ["index": "\(index)", "value": v, "parameter": parameter]) + s(suggestion)
        case .valuesNotApplicable: return t(.valuesNotApplicable)
        case .controlNeedsRange(let parameter): return t(.controlNeedsRange, ["parameter": parameter])
        case let .controlMinAboveMax(parameter, min, max):
            return t(.controlMinAboveMax, ["parameter": parameter, "min": number(min), "max": number(max)])
        case let .controlStepNotPositive(parameter, step): return t(.controlStepNotPositive, ["parameter": parameter, "step": number(step)])
        case .controlNeedsWholeNumbers(let parameter): return t(.controlNeedsWholeNumbers, ["parameter": parameter])
        case let .controlDefaultOutside(parameter, v, min, max):
            return t(.controlDefaultOutside, ["parameter": parameter, "value": number(v), "min": number(min), "max": number(max)])
        case let .queryControlOffTokens(min, max, tokens):
            return t(.queryControlOffTokens, ["min": number(min), "max": number(max), "count": "\(tokens)", "last": number(Double(tokens - 1))])

        case let .tensorNeedsKind(subject, kinds, suggestion): return t(.tensorNeedsKind, ["what": what(subject), "kinds": names(kinds)]) + s(suggestion)
        case let .tensorNeedsField(subject, field): return t(.tensorNeedsField, ["what": what(subject), "field": field])
        case .tensorNeedsShape(let subject): return t(.tensorNeedsShape, ["what": what(subject)])
        case let .shapeSizeCount(subject, count): return t(.shapeSizeCount, ["of": of(subject), "count": "\(count)"])
        case let .unknownDistribution(subject, name, suggestion):
            return t(.unknownDistribution, ["name": name, "in": what(subject), "suggestion": s(suggestion)])
        case let .tokenSideInvalid(subject, got): return t(.tokenSideInvalid, ["what": what(subject), "got": got])
        case let .tensorTooManyValues(subject, limit): return t(.tensorTooManyValues, ["what": what(subject), "limit": "\(limit)"])
        case let .rowLengthMismatch(subject, row, count, first):
            return t(.rowLengthMismatch, ["row": "\(row)", "of": of(subject), "count": "\(count)", "first": "\(first)"])
        case .tensorEmpty(let subject): return t(.tensorEmpty, ["what": what(subject)])

        case let .opCannotRun(op, detail): return t(.opCannotRun, ["op": op, "detail": detail])
        case let .needsTensor(op, tensor, slot, suggestion):
            return t(.needsTensor, ["op": op, "tensor": tensor, "slot": slot]) + s(suggestion)
        case let .rowsMismatch(tensor, rows, labels, side):
            let sideText: String
            switch side {
            case .tokens: sideText = t(.sideTokens)
            case .queryTokens: sideText = t(.sideQueryTokens)
            case .keyTokens: sideText = t(.sideKeyTokens)
            case .tokensPerKey: sideText = t(.sideTokensPerKey)
            }
            return t(.rowsMismatch, ["tensor": tensor, "rows": "\(rows)", "count": "\(labels.count)", "side": sideText, "labels": labels.joined(separator: " ")])
        case let .maskRefused(kind, detail): return t(.maskRefused, ["kind": kind, "detail": detail])
        case .temperatureNotPositive(let x): return t(.temperatureNotPositive, ["value": number(x)])
        case let .unknownParameterForOp(name, suggestion, op): return t(.unknownParameterForOp, ["name": name, "suggestion": s(suggestion), "op": op])
        case let .parameterNotFinite(name, x): return t(.parameterNotFinite, ["name": name, "value": rawNumber(x, language)])
        case let .unknownParameterReference(name, suggestion): return t(.unknownParameterReference, ["name": name, "suggestion": s(suggestion)])
        case let .wholeNumberOutOfRange(subject, low, high, got):
            return t(.wholeNumberOutOfRange, ["what": what(subject), "low": "\(low)", "high": "\(high)", "got": number(got)])
        case let .notFiniteNumber(name, x): return t(.notFiniteNumber, ["name": name, "value": rawNumber(x, language)])
        case let .takesWholeNumbers(name, x): return t(.takesWholeNumbers, ["name": name, "value": number(x)])
        case let .beyondFloat(name, x): return t(.beyondFloat, ["name": name, "value": number(x)])
        case let .belowFloat(name, x): return t(.belowFloat, ["name": name, "value": number(x)])
        case let .nonFiniteResult(nan, tensor, index, count):
            return t(nan ? .nanResult : .infinityResult, ["tensor": tensor, "index": "\(index)", "count": "\(count)"])
        case let .tooManyValues(values, sizes, limit):
            return t(.tooManyValues, ["values": roughCount(values, language), "sizes": sizes, "limit": "\(limit)"])
        case let .tooManyOperations(flops, sizes, limit):
            return t(.tooManyOperations, ["flops": roughCount(flops, language), "sizes": sizes, "limit": roughCount(limit, language)])
        case let .headOutside(head, last): return t(.headOutside, ["head": "\(head)", "last": "\(last)"])
        case let .viewShowsMissing(view, tensor, suggestion): return t(.viewShowsMissing, ["view": view, "tensor": tensor]) + s(suggestion)
        case let .queryOutside(query, last, tensor): return t(.queryOutside, ["query": "\(query)", "last": "\(last)", "tensor": tensor])
        case let .keyRowOutside(key, last, tensor): return t(.keyRowOutside, ["key": "\(key)", "last": "\(last)", "tensor": tensor])
        case .ropeViewNeedsRope(let op): return t(.ropeViewNeedsRope, ["op": op])
        case let .embedsMissingSide(subject, side): return t(.embedsMissingSide, ["what": what(subject), "side": side])
        case let .onehotMissingSide(subject, side): return t(.onehotMissingSide, ["what": what(subject), "side": side])
        case let .tensorRefused(subject, detail): return what(subject) + ": " + detail
        case let .tensorTooLarge(name, count, limit): return t(.tensorTooLarge, ["name": name, "count": "\(count)", "limit": "\(limit)"])
        case let .parameterTakesNumber(name, got): return t(.parameterTakesNumber, ["name": name, "got": value(got)])
        case let .notAChoice(name, v, choices, suggestion):
            return t(.notAChoice, ["name": name, "value": v, "choices": choices.joined(separator: ", ")]) + s(suggestion)
        case let .takesAName(name, choices, got): return t(.takesAName, ["name": name, "choices": choices.joined(separator: ", "), "got": value(got)])
        case let .takesBool(name, got): return t(.takesBool, ["name": name, "got": got])
        case let .takesBoolNumber(name, got): return t(.takesBoolNumber, ["name": name, "got": value(got)])
        case let .notAToken(name, v, tokens, suggestion):
            return t(.notAToken, ["name": name, "value": v, "tokens": tokens.joined(separator: " ")]) + s(suggestion)
        case let .takesAToken(name, last, got): return t(.takesAToken, ["name": name, "last": "\(last)", "got": value(got)])
        case let .takesANumber(name, got): return t(.takesANumber, ["name": name, "got": value(got)])
        case .isAList(let name): return t(.isAList, ["name": name])
        case let .mustBeFromOneTo(name, limit, got): return t(.mustBeFromOneTo, ["name": name, "limit": "\(limit)", "got": "\(got)"])
        case let .kvCacheShapes(q, k, v): return t(.kvCacheShapes, ["q": formatShape(q), "k": formatShape(k), "v": formatShape(v)])
        case let .stepOutside(step, last): return t(.stepOutside, ["step": "\(step)", "last": "\(last)"])
        case let .followOutside(follow, last): return t(.followOutside, ["follow": "\(follow)", "last": "\(last)"])
        case .seedNegative(let seed): return t(.seedNegative, ["seed": "\(seed)"])
        case .positionOutOfRange(let offset): return t(.positionOutOfRange, ["position": "\(offset)"])
        case let .unknownLessonParameter(name, suggestion, step):
            let which = step.map { t(.stepScene, ["step": "\($0)"]) } ?? t(.anySceneOfLesson)
            return t(.unknownLessonParameter, ["name": name, "suggestion": s(suggestion), "which": which])
        case let .whenControlSets(parameter, v, problem, line):
            return t(.whenControlSets, ["parameter": parameter, "value": number(v), "problem": problem.text(language), "line": "\(line)"])
        case .sceneFailed(let detail): return t(.sceneFailed, ["detail": detail])
        case .verbatim(let text): return text
        }
    }
}

/// A count for a message: `12 million`, `3 billion` (`12 млн`, `3 млрд`), or the whole number;
/// `infinitely many` for an estimate beyond any number.
func roughCount(_ x: Double, _ language: Language) -> String {
    func whole(_ x: Double) -> String {
        x.isFinite ? language.numbers.fixed(x.rounded(), decimals: 0) : EngineText.infinitelyMany.text(language)
    }
    if x >= 1e9 { return EngineText.billions.text(language, ["count": whole(x / 1e9)]) }
    if x >= 1e6 { return EngineText.millions.text(language, ["count": whole(x / 1e6)]) }
    return whole(x)
}

extension ParameterValue {
    /// The value as a message writes it, numbers in `language`'s notation.
    public func text(_ language: Language) -> String {
        switch self {
        case .number(let x): return messageNumber(x, language)
        default: return description
        }
    }
}
