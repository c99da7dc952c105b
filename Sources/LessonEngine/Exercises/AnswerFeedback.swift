/// What attn tells a learner about an answer, as a value rendered in their language.
public enum AnswerFeedback: Localizable, Equatable {
    /// The scene cannot compute this exercise's answer (a lesson bug, reported as such).
    case cannotCheck(reason: String)
    case empty
    /// The computed answer is not of the exercise's kind (a lesson bug).
    case answerIsNot(ExerciseKind)
    case notANumber(String)
    case notAVector(String)
    case notYesOrNo
    case right(ExerciseValue)
    case rightToken(String, index: Int?)
    /// Wrong; the detail only with full feedback.
    case wrong(WrongDetail?)

    public func text(_ language: Language) -> String {
        let n = language.numbers
        switch self {
        case .cannotCheck(let reason): return AnswerText.cannotCheck.text(language, ["reason": reason])
        case .empty: return AnswerText.empty.text(language)
        case .answerIsNot(let kind):
            let key: AnswerText
            switch kind {
            case .number: key = .answerIsNotNumber
            case .vector: key = .answerIsNotVector
            case .token: key = .answerIsNotToken
            case .yesno: key = .answerIsNotYesNo
            }
            return key.text(language)
        case .notANumber(let typed): return AnswerText.notANumber.text(language, ["typed": typed])
        case .notAVector(let typed): return AnswerText.notAVector.text(language, ["typed": typed])
        case .notYesOrNo: return AnswerText.notYesOrNo.text(language)
        case .right(let value): return AnswerText.right.text(language, ["answer": value.text(language)])
        case .rightToken(let token, let index):
            guard let index else { return AnswerText.right.text(language, ["answer": token]) }
            return AnswerText.rightToken.text(language, ["token": token, "index": String(index)])
        case .wrong(nil): return AnswerText.wrong.text(language)
        case .wrong(let detail?):
            let words: String
            switch detail {
            case .notANumberConvention: words = AnswerText.nanIsNotAnAnswer.text(language)
            case .tooHigh(let close): words = (close ? AnswerText.tooHighButClose : .tooHigh).text(language)
            case .tooLow(let close): words = (close ? AnswerText.tooLowButClose : .tooLow).text(language)
            case .entryCount(let expected, let given):
                words = AnswerText.entryCount.text(language, ["expected": String(expected), "given": String(given)])
            case .entriesOff(let off):
                let which = off.map(String.init).joined(separator: n.listSeparator)
                words = (off.count == 1 ? AnswerText.entryOff : .entriesOff).text(language, ["which": which])
            case .notTheIndex(let index): words = AnswerText.notTheIndex.text(language, ["index": String(index)])
            case .notTheToken(let typed): words = AnswerText.notTheToken.text(language, ["typed": typed])
            }
            return AnswerText.wrongBecause.text(language, ["detail": words])
        }
    }
}

/// Why an answer is wrong, told only with full feedback; never the answer itself.
public enum WrongDetail: Sendable, Equatable {
    case notANumberConvention
    case tooHigh(close: Bool)
    case tooLow(close: Bool)
    case entryCount(expected: Int, given: Int)
    case entriesOff([Int])
    case notTheIndex(Int)
    case notTheToken(String)
}

extension ExerciseValue {
    /// The value as a learner of `language` would type it back: `0,25` and `[0,5; 0,25]` in
    /// Russian, `0.25` and `[0.5, 0.25]` in English, `да`/`yes`.
    public func text(_ language: Language) -> String {
        let n = language.numbers
        switch self {
        case .array(let s, let v):
            if s.isEmpty { return n.short(v[0]) }
            if s.count == 1 { return n.vector(v) }
            return "[" + stride(from: 0, to: v.count, by: s[1]).map { n.vector(Array(v[$0..<$0 + s[1]])) }.joined(separator: n.listSeparator) + "]"
        case .bool(let b): return (b ? AnswerText.yes : .no).text(language)
        case .token(_, let t): return t
        }
    }
}
