/// One token of a tokenised text.
public struct Token: Sendable, Equatable {
    /// The id in the model's vocabulary.
    public let id: Int
    /// The vocabulary entry, as Hugging Face's `tokenizers` prints it (`##ing`, `Ġthe`).
    public let piece: String
    /// The text it stands for, for display (`ing`, ` the`; partial UTF-8 shows as �).
    public let text: String

    public init(id: Int, piece: String, text: String) {
        self.id = id
        self.piece = piece
        self.text = text
    }
}

/// Maps text to tokens for one model.
public protocol TextTokenizer: Sendable {
    func tokenize(_ text: String) -> [Token]
    /// The vocabulary entry of an id (empty when out of range).
    func piece(_ id: Int) -> String
    /// The display text of an id.
    func text(_ id: Int) -> String
}

/// Unicode helpers shared by the tokenizers (general categories as Rust's `char` methods define them).
enum CharClass {
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    static func isNumber(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: true
        default: false
        }
    }

    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    /// Rust's `char::is_other`: Cc, Cf, Cs, Co, Cn.
    static func isOther(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }

    static func isWhitespace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }
}
