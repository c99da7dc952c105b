import Foundation
import LessonEngine

/// The explorer's words about trained-model steps (the sentence line, the heads view, a model
/// that is not installed), in every language.
public enum ModelText: String, Catalog {
    case sentencePrompt, sentenceKeys, sentenceEmpty, sentenceBack
    case keysHint, keysHintGenerate
    case sentenceDiffers
    case missingTitle, missingBody, missingAfter
    case headsTitle, headsLegend, headsLegendShort
    case noGenerate, generateLimit, generateEnded, noneToRemove

    public static func entries(_ language: Language) -> [ModelText: String] {
        switch language {
        case .en: return english
        case .ru: return russian
        }
    }

    static let english: [ModelText: String] = [
        .sentencePrompt: "your sentence: ",
        .sentenceKeys: "Enter run · Esc cancel · Ctrl-U clear",
        .sentenceEmpty: "type a sentence first (Esc keeps the one shown)",
        .sentenceBack: "back to the lesson's sentence",
        .keysHint: "i your sentence · I the lesson's",
        .keysHintGenerate: "i your sentence · n next token · N remove it",
        .sentenceDiffers: "sentence = “{lesson}” (yours: “{yours}”)",
        .missingTitle: "{model} is not installed on this machine",
        .missingBody: "This step runs a trained model on attn's own kernel. Install both models (about 180 MB, fetched with pip) with one command:",
        .missingAfter: "Then come back to this step (← and →).",
        .headsTitle: "all {count} heads of layer {layer}",
        .headsLegend: "each map: query rows ↓, key columns →; brighter = more weight; +/- on head picks one",
        .headsLegendShort: "brighter = more weight; +/- on head picks one",
        .noGenerate: "only SmolLM2 generates: MiniLM is an encoder and reads the whole sentence at once",
        .generateLimit: "a model step shows at most 32 generated tokens",
        .generateEnded: "SmolLM2 ended the text: there is no next token",
        .noneToRemove: "no generated token to remove",
    ]

    static let russian: [ModelText: String] = [
        .sentencePrompt: "ваше предложение: ",
        .sentenceKeys: "Enter — запустить · Esc — отмена · Ctrl-U — стереть",
        .sentenceEmpty: "сначала введите предложение (Esc оставит прежнее)",
        .sentenceBack: "снова предложение урока",
        .keysHint: "i — своё предложение · I — из урока",
        .keysHintGenerate: "i — своё предложение · n — следующий токен · N — убрать",
        .sentenceDiffers: "предложение = «{lesson}» (у вас: «{yours}»)",
        .missingTitle: "{model} не установлена на этом компьютере",
        .missingBody: "Этот шаг запускает обученную модель на собственном ядре attn. Установите обе модели (около 180 МБ, через pip) одной командой:",
        .missingAfter: "Затем вернитесь к этому шагу (← и →).",
        .headsTitle: "все {count} голов слоя {layer}",
        .headsLegend: "каждая карта: запросы ↓, ключи →; ярче — больше вес; +/- на head выбирает голову",
        .headsLegendShort: "ярче — больше вес; +/- на head выбирает голову",
        .noGenerate: "генерирует только SmolLM2: MiniLM — энкодер и читает всё предложение сразу",
        .generateLimit: "шаг с моделью показывает не больше 32 сгенерированных токенов",
        .generateEnded: "SmolLM2 закончила текст: следующего токена нет",
        .noneToRemove: "нет сгенерированного токена, который можно убрать",
    ]
}
