/// The colours and attributes every widget draws with.
///
/// Two themes: `dark` for a terminal with a dark background (the default) and `projector`, black
/// on white with strong colours, for a lecture hall where a dark screen washes out. Every style
/// of `projector` carries the white background, so text stays readable even where the screen
/// behind it was not filled. Colours are 24-bit; call `reduced(to:)` for the output's depth.
/// Distinctions never rest on colour alone: titles are bold, dim text is dim, focus is bold,
/// so monochrome output keeps them.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// What the screen is filled with before drawing (`.default` keeps the terminal's own).
    public var background: Color
    public var text: Style
    public var dimText: Style
    public var title: Style
    /// Highlights: list markers, selected values, the "after" vector of a rotation.
    public var accent: Style
    /// A second highlight that must differ from `accent`: the "before" vector of a rotation.
    public var secondaryAccent: Style
    public var border: Style
    /// The focused box, the cursor's labels.
    public var focus: Style
    public var error: Style
    public var success: Style
    /// Inline code and code blocks.
    public var code: Style
    /// Masked entries (−∞ before the softmax).
    public var masked: Style

    public init(
        name: String, background: Color, text: Style, dimText: Style, title: Style, accent: Style,
        secondaryAccent: Style, border: Style, focus: Style, error: Style, success: Style, code: Style,
        masked: Style
    ) {
        self.name = name
        self.background = background
        self.text = text
        self.dimText = dimText
        self.title = title
        self.accent = accent
        self.secondaryAccent = secondaryAccent
        self.border = border
        self.focus = focus
        self.error = error
        self.success = success
        self.code = code
        self.masked = masked
    }

    /// Light text on the terminal's own dark background.
    public static let dark = Theme(
        name: "dark",
        background: .default,
        text: Style(),
        dimText: Style(foreground: .rgb(150, 150, 150), dim: true),
        title: Style(foreground: .rgb(135, 215, 255), bold: true),
        accent: Style(foreground: .rgb(255, 200, 80)),
        secondaryAccent: Style(foreground: .rgb(95, 175, 255)),
        border: Style(foreground: .rgb(110, 110, 110)),
        focus: Style(foreground: .rgb(255, 215, 0), bold: true),
        error: Style(foreground: .rgb(255, 95, 95), bold: true),
        success: Style(foreground: .rgb(95, 215, 95), bold: true),
        code: Style(foreground: .rgb(215, 175, 255)),
        masked: Style(foreground: .rgb(120, 120, 120), dim: true)
    )

    /// Black on white with saturated colours, for projectors.
    public static let projector: Theme = {
        let white = Color.rgb(255, 255, 255)
        func on(_ r: UInt8, _ g: UInt8, _ b: UInt8, bold: Bool = false) -> Style {
            Style(foreground: .rgb(r, g, b), background: white, bold: bold)
        }
        return Theme(
            name: "projector",
            background: white,
            text: on(0, 0, 0),
            dimText: on(85, 85, 85),
            title: on(0, 0, 150, bold: true),
            accent: on(190, 70, 0, bold: true),
            secondaryAccent: on(0, 90, 190, bold: true),
            border: on(60, 60, 60),
            focus: on(200, 0, 0, bold: true),
            error: on(190, 0, 0, bold: true),
            success: on(0, 120, 0, bold: true),
            code: on(110, 0, 140),
            masked: on(140, 140, 140)
        )
    }()

    /// Both themes, for a `--theme` option.
    public static let all: [Theme] = [.dark, .projector]

    /// The theme called `name` (`dark`, `projector`), if there is one.
    public static func named(_ name: String) -> Theme? { all.first { $0.name == name } }

    /// The theme with every colour reduced to what `depth` can show.
    public func reduced(to depth: ColorDepth) -> Theme {
        var theme = self
        theme.background = background.reduced(to: depth)
        for path in [\Theme.text, \.dimText, \.title, \.accent, \.secondaryAccent, \.border, \.focus,
                     \.error, \.success, \.code, \.masked] as [WritableKeyPath<Theme, Style>] {
            theme[keyPath: path] = self[keyPath: path].reduced(to: depth)
        }
        return theme
    }
}
