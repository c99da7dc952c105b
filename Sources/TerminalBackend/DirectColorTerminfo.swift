import Foundation

/// Direct (24-bit) colour for terminals that announce it with `COLORTERM=truecolor`.
///
/// ncurses writes 24-bit colour only through a terminfo entry with the `RGB` flag, and most
/// terminals run with `TERM=xterm-256color` even when they show 16 million colours; other
/// programs (vim, tmux, bat) believe `COLORTERM` instead. attn does the same within ncurses:
/// it compiles, once, a small entry that is the terminal's own plus `RGB` and direct-colour
/// `setaf`/`setab` (the `xterm-direct` definitions, with `;` separators, which every truecolor
/// terminal reads), puts it in a cache folder on `TERMINFO_DIRS`, and asks `newterm` for it.
/// When anything fails (no `tic`, no writable cache) the terminal's own entry is used as before.
public enum DirectColorTerminfo {
    /// Whether the environment announces 24-bit colour (`COLORTERM` = `truecolor` or `24bit`).
    public static func isAnnounced(_ environment: [String: String]) -> Bool {
        guard let value = environment["COLORTERM"]?.lowercased() else { return false }
        return value == "truecolor" || value == "24bit"
    }

    /// The name of the entry made for `term`.
    public static func entryName(for term: String) -> String { term + "-attn-direct" }

    /// The terminfo source of the direct-colour entry for `term`.
    public static func source(for term: String) -> String {
        """
        \(entryName(for: term))|\(term) with direct colour (made by attn from COLORTERM),
        \tuse=\(term), RGB, colors#0x1000000, pairs#0x10000,
        \tsetaf=\\E[%?%p1%{8}%<%t3%p1%d%e38;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,
        \tsetab=\\E[%?%p1%{8}%<%t4%p1%d%e48;2;%p1%{65536}%/%d;%p1%{256}%/%{255}%&%d;%p1%{255}%&%d%;m,

        """
    }

    /// The terminal type to hand `newterm`: the direct-colour entry when the environment
    /// announces 24-bit colour and the entry could be made, else nil (TERM as it is).
    ///
    /// Sets `TERMINFO_DIRS` so ncurses finds the entry; a TERM that is already direct is left alone.
    public static func prepare(term: String, environment: [String: String]) -> String? {
        guard isAnnounced(environment), !term.isEmpty, !term.hasSuffix("-direct"), !term.hasSuffix("-attn-direct"),
              term.allSatisfy({ $0.isLetter || $0.isNumber || "-_.+".contains($0) }) else { return nil }
        let cache = (environment["XDG_CACHE_HOME"].map { $0 + "/attn" } ?? environment["HOME"].map { $0 + "/.cache/attn" })
            ?? NSTemporaryDirectory() + "attn-\(getuid())"
        let dir = cache + "/terminfo"
        let name = entryName(for: term)
        let compiled = dir + "/" + String(name.prefix(1)) + "/" + name
        let hexCompiled = dir + "/" + String(format: "%02x", name.utf8.first ?? 0) + "/" + name
        let fm = FileManager.default
        if !fm.fileExists(atPath: compiled) && !fm.fileExists(atPath: hexCompiled) {
            guard let tic = ["/usr/bin/tic", "/bin/tic", "/usr/local/bin/tic", "/opt/homebrew/bin/tic"].first(where: fm.isExecutableFile(atPath:)) else { return nil }
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
                let file = cache + "/\(name).src"
                try source(for: term).write(toFile: file, atomically: true, encoding: .utf8)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: tic)
                process.arguments = ["-x", "-o", dir, file]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else { return nil }
            } catch {
                return nil
            }
            guard fm.fileExists(atPath: compiled) || fm.fileExists(atPath: hexCompiled) else { return nil }
        }
        // ncurses reads TERMINFO_DIRS (an empty part is the system's default folder).
        let existing = environment["TERMINFO_DIRS"] ?? ""
        setenv("TERMINFO_DIRS", existing.isEmpty ? dir + ":" : dir + ":" + existing, 1)
        return name
    }
}
