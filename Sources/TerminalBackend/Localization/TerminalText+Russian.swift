extension TerminalText {
    static let russian: [TerminalText: String] = [
        .notUTF8: "attn нужна локаль UTF-8; {setting} даёт {codeset} (установлена ли эта локаль? `locale -a` перечисляет их); попробуйте LANG=C.UTF-8",
        .noLocaleVariables: "нет ни LANG, ни LC_CTYPE, ни LC_ALL",
        .notATerminal: "обозревателю attn нужен терминал, а {stream} — не терминал; запустите его прямо в терминале или возьмите неинтерактивную команду",
        .standardInput: "стандартный ввод",
        .standardOutput: "стандартный вывод",
        .unknownTerminal: "attn не умеет работать с этим терминалом: {reason}; попробуйте TERM=xterm-256color",
        .termNotSet: "TERM не задан",
        .termNotInTerminfo: "TERM={term} нет в базе terminfo",
        .alreadyStarted: "терминал уже в полноэкранном режиме",
    ]
}
