import ExplorerUI

/// Decisions `Terminal.start` makes from the environment, kept pure so tests can make them.
public enum TerminalSettings {
    /// The problem with a locale whose character set is `codeset`, or nil when it is UTF-8.
    ///
    /// Names the variable that decided the locale (LC_ALL, then LC_CTYPE, then LANG, as
    /// setlocale reads them), so the message says what to change.
    public static func localeProblem(codeset: String, environment: [String: String]) -> TerminalError? {
        let normalized = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        if normalized == "utf8" { return nil }
        for variable in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = environment[variable], !value.isEmpty {
                return .notUTF8(variable: variable, value: value, codeset: codeset)
            }
        }
        return .notUTF8(variable: "", value: "", codeset: codeset)
    }

    /// The colour depth to render at.
    ///
    /// - `forced` (the `--color` option) wins over NO_COLOR, as no-color.org asks, but is capped
    ///   at what the terminal supports, because ncurses cannot emit more.
    /// - A non-empty NO_COLOR means monochrome.
    /// - Otherwise the terminal's own limit: direct colour when its terminfo entry does RGB
    ///   (xterm-direct, tmux-direct), else by `COLORS`. ncurses only writes 24-bit colour through
    ///   an RGB terminfo entry, so for COLORTERM=truecolor `Terminal` opens one made from TERM's
    ///   own (`DirectColorTerminfo`), and the palette is then `.direct`.
    public static func colorDepth(
        forced: ColorDepth?, noColor: String?, palette: TerminalPalette
    ) -> ColorDepth {
        let supported: ColorDepth
        switch palette {
        case .none: supported = .monochrome
        case .direct: supported = .direct
        case .indexed(let count): supported = count >= 256 ? .ansi256 : count >= 8 ? .ansi8 : .monochrome
        }
        if let forced { return rank(forced) <= rank(supported) ? forced : supported }
        if let noColor, !noColor.isEmpty { return .monochrome }
        return supported
    }

    /// The palette ncurses reports: `hasColors` from has_colors(), `colors` from COLORS,
    /// `rgbFlag` from tigetflag("RGB").
    public static func palette(hasColors: Bool, colors: Int, rgbFlag: Bool) -> TerminalPalette {
        guard hasColors, colors >= 8 else { return .none }
        if rgbFlag || colors >= 1 << 24 { return .direct }
        return .indexed(colors)
    }

    private static func rank(_ depth: ColorDepth) -> Int {
        switch depth {
        case .monochrome: 0
        case .ansi8: 1
        case .ansi256: 2
        case .direct: 3
        }
    }
}
