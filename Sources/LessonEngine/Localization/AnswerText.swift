/// The words attn says about a learner's answer (`AnswerFeedback`), in every language.
public enum AnswerText: String, Catalog {
    case cannotCheck, empty
    case answerIsNotNumber, answerIsNotVector, answerIsNotToken, answerIsNotYesNo
    case notANumber, notAVector, notYesOrNo
    case right, rightToken
    case wrong, wrongBecause
    case nanIsNotAnAnswer, tooHigh, tooHighButClose, tooLow, tooLowButClose
    case entryCount, entryOff, entriesOff, notTheIndex, notTheToken
    case yes, no

    public static func entries(_ language: Language) -> [AnswerText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }

    static let english: [AnswerText: String] = [
        .cannotCheck: "this exercise cannot be checked in this scene: {reason}",
        .empty: "type an answer first",
        .answerIsNotNumber: "the answer is not a number",
        .answerIsNotVector: "the answer is not a vector",
        .answerIsNotToken: "the answer is not a token",
        .answerIsNotYesNo: "the answer is not yes/no",
        .notANumber: "'{typed}' is not a number (write e.g. 0.25, -1.5 or 1/3)",
        .notAVector: "'{typed}' is not a list of numbers (write e.g. 0.5, 1.2, -3)",
        .notYesOrNo: "answer yes or no (y/n, true/false, да/нет)",
        .right: "right: {answer}",
        .rightToken: "right: {token} (index {index})",
        .wrong: "wrong",
        .wrongBecause: "wrong: {detail}",
        .nanIsNotAnAnswer: "NaN is what 0/0 gives in floating point (PyTorch returns it for a fully masked row); this question asks for attn's convention, which is a number",
        .tooHigh: "too high",
        .tooHighButClose: "too high, but close",
        .tooLow: "too low",
        .tooLowButClose: "too low, but close",
        .entryCount: "the answer has {expected} entries, you gave {given}",
        .entryOff: "entry {which} (counting from 0) is off",
        .entriesOff: "entries {which} (counting from 0) are off",
        .notTheIndex: "index {index} is not the answer",
        .notTheToken: "not '{typed}'",
        .yes: "yes",
        .no: "no",
    ]

    static let russian: [AnswerText: String] = [
        .cannotCheck: "это упражнение нельзя проверить в этой сцене: {reason}",
        .empty: "сначала введите ответ",
        .answerIsNotNumber: "ответ упражнения — не число",
        .answerIsNotVector: "ответ упражнения — не вектор",
        .answerIsNotToken: "ответ упражнения — не токен",
        .answerIsNotYesNo: "ответ упражнения — не «да» или «нет»",
        .notANumber: "«{typed}» — не число (пишите, например, 0,25, -1,5 или 1/3)",
        .notAVector: "«{typed}» — не список чисел (пишите, например, 0,5; 1,2; -3 или 0.5, 1.2, -3)",
        .notYesOrNo: "ответьте «да» или «нет» (д/н, yes/no)",
        .right: "верно: {answer}",
        .rightToken: "верно: {token} (индекс {index})",
        .wrong: "неверно",
        .wrongBecause: "неверно: {detail}",
        .nanIsNotAnAnswer: "NaN — это результат 0/0 в арифметике с плавающей точкой (PyTorch возвращает его для полностью замаскированной строки); вопрос спрашивает число по соглашению attn",
        .tooHigh: "слишком много",
        .tooHighButClose: "слишком много, но близко",
        .tooLow: "слишком мало",
        .tooLowButClose: "слишком мало, но близко",
        .entryCount: "в ответе должно быть элементов: {expected}, у вас: {given} (при десятичной запятой разделяйте элементы точкой с запятой: 0,5; 0,25)",
        .entryOff: "элемент {which} (считая с 0) неверен",
        .entriesOff: "элементы {which} (считая с 0) неверны",
        .notTheIndex: "индекс {index} — не ответ",
        .notTheToken: "не «{typed}»",
        .yes: "да",
        .no: "нет",
    ]
}
