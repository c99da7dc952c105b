extension TerminalText {
    static let english: [TerminalText: String] = [
        .notUTF8: "attn needs a UTF-8 locale; {setting} gives {codeset} (is that locale installed? `locale -a` lists them); try LANG=C.UTF-8",
        .noLocaleVariables: "no LANG, LC_CTYPE or LC_ALL",
        .notATerminal: "attn's explorer needs a terminal, but {stream} is not one; run it directly in a terminal, or use a non-interactive command",
        .standardInput: "standard input",
        .standardOutput: "standard output",
        .unknownTerminal: "attn cannot drive this terminal: {reason}; try TERM=xterm-256color",
        .termNotSet: "TERM is not set",
        .termNotInTerminfo: "TERM={term} is not in the terminfo database",
        .alreadyStarted: "the terminal is already in full-screen mode",
    ]
}
