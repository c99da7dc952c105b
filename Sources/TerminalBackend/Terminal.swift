#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNCurses
import ExplorerUI

/// The full-screen terminal, driven through ncursesw: start, draw grids, read events, stop.
///
/// One instance at a time, used from one thread. `stop()` is idempotent and also runs in
/// `deinit`, so every exit path can call it without asking whether it already ran.
public final class Terminal {
    /// The colour depth frames should be rendered at; fixed by `start`.
    public private(set) var colorDepth: ColorDepth = .monochrome
    /// How ncurses numbers colours on this terminal; fixed by `start`.
    public private(set) var palette: TerminalPalette = .none
    /// Columns and rows, as of the last `start` or resize event.
    public internal(set) var size: (width: Int, height: Int) = (0, 0)
    /// Whether `start` succeeded and `stop` has not run yet.
    public private(set) var isActive = false

    var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    var pairs = ColorPairTable(limit: 0)
    /// Colour numbers already worked out for this depth and palette.
    var colorNumbers: [Color: Int32] = [:]
    /// The last frame drawn, which the next one is compared with; nil means "draw everything".
    var previousFrame: CellGrid?

    public init() {}

    deinit { stop() }

    /// Puts the terminal in full-screen mode.
    ///
    /// Checks first, so a bad setup is an error message rather than a garbled screen: the locale
    /// must be UTF-8, standard input and output must be terminals, and TERM must be known.
    /// `depth` forces a colour depth (the `--color` option), capped at what the terminal can show.
    public func start(depth forcedDepth: ColorDepth? = nil) throws {
        guard !isActive else { throw TerminalError.alreadyStarted }
        // Without this, ncursesw treats every byte above 127 as unprintable. Only the character
        // type is taken from the environment: LC_NUMERIC stays "C", so no C library call can
        // start writing or reading "0,5" because the machine runs in a Russian locale.
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(Int32(CODESET)))
        let localeVariables = environment("LC_ALL", "LC_CTYPE", "LANG")
        if let problem = TerminalSettings.localeProblem(codeset: codeset, environment: localeVariables) {
            throw problem
        }
        guard isatty(STDIN_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard input") }
        guard isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal(stream: "standard output") }
        let term = environment("TERM")["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError.unknownTerminal(term: "") }

        EmergencyRestore.saveTerminalModes()
        SignalGuard.install()  // before newterm, so ncurses leaves SIGINT/SIGTERM to us
        // newterm, unlike initscr, returns NULL for an unknown TERM instead of exiting.
        // COLORTERM=truecolor: a direct-colour entry for this terminal (nil keeps TERM's own).
        let directType = forcedDepth == nil || forcedDepth == .direct
            ? DirectColorTerminfo.prepare(term: term, environment: environment("COLORTERM", "HOME", "XDG_CACHE_HOME", "TERMINFO_DIRS")) : nil
        let opened = directType.flatMap { type in type.withCString { newterm($0, attn_stdout(), attn_stdin()) } }
        guard let screen = opened ?? newterm(nil, attn_stdout(), attn_stdin()) else {
            SignalGuard.uninstall()
            throw TerminalError.unknownTerminal(term: term)
        }
        self.screen = screen
        let window = attn_stdscr()
        self.window = window
        raw()
        // raw() also turns off ISIG; turn it back on so Ctrl-C, Ctrl-Z and Ctrl-\ are signals
        // the terminal sends at once, even while the program is busy, rather than keys that wait
        // to be read. (raw() rather than cbreak(): Ctrl-S and Ctrl-Q must not stop the output.)
        enableTerminalSignals()
        noecho()
        nonl()
        keypad(window, true)
        leaveok(window, true)  // the cursor is hidden, so ncurses need not park it
        scrollok(window, false)
        curs_set(0)
        set_escdelay(25)  // Esc alone should not wait a second to be told apart from Alt-x
        defineCommonKeys()

        palette = detectPalette()
        colorDepth = TerminalSettings.colorDepth(
            forced: forcedDepth, noColor: environment("NO_COLOR")["NO_COLOR"], palette: palette)
        pairs = ColorPairTable(limit: Int(attn_color_pairs()))
        colorNumbers = [:]
        size = (Int(attn_cols()), Int(attn_lines()))
        previousFrame = nil
        EmergencyRestore.arm(resetSequence: EmergencyRestore.resetSequence(lookup: terminfoString))
        isActive = true
        SignalGuard.armWatchdog()
    }

    /// Home and End as tmux, screen and rxvt send them, whatever terminfo says. tmux sends
    /// `ESC [ 1 ~` for Home under TERM=xterm-256color, whose entry says `ESC O H`: unknown to
    /// ncurses, the sequence arrived as Esc (which quits the lesson list) and three letters.
    private func defineCommonKeys() {
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
                                ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END)] {
            if key_defined(sequence) == 0 { define_key(sequence, key) }
        }
    }

    /// Sets ISIG in the terminal modes and tells ncurses this is its program mode, so `refresh`
    /// after `endwin` (a suspend) brings it back.
    private func enableTerminalSignals() {
        var modes = termios()
        guard tcgetattr(STDIN_FILENO, &modes) == 0 else { return }
        modes.c_lflag |= tcflag_t(ISIG)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
        def_prog_mode()
    }

    /// Leaves full-screen mode and gives the terminal back as it was; safe to call any time.
    public func stop() {
        guard isActive else { return }
        SignalGuard.disarmWatchdog()
        isActive = false
        curs_set(1)
        endwin()
        EmergencyRestore.disarm()
        SignalGuard.uninstall()
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        previousFrame = nil
        fflush(attn_stdout())
    }

    /// Forgets the last frame, so the next `draw` repaints every cell.
    public func invalidate() {
        previousFrame = nil
    }

    private func detectPalette() -> TerminalPalette {
        guard has_colors() else { return .none }
        start_color()
        use_default_colors()  // colour -1 is then the terminal's own foreground or background
        return TerminalSettings.palette(
            hasColors: true, colors: Int(attn_colors()), rgbFlag: tigetflag("RGB") > 0)
    }

    /// A terminfo string capability as bytes, or nil when the terminal lacks it.
    private func terminfoString(_ name: String) -> [UInt8]? {
        guard let pointer = tigetstr(name), Int(bitPattern: pointer) != -1 else { return nil }
        return Array(String(cString: pointer).utf8)
    }
}

/// The values of the named environment variables that are set.
func environment(_ names: String...) -> [String: String] {
    var result: [String: String] = [:]
    for name in names {
        if let value = getenv(name) { result[name] = String(cString: value) }
    }
    return result
}
