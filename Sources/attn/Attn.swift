import ArgumentParser

/// The `attn` command: a terminal course on the attention mechanism.
@main
struct Attn: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "attn",
        abstract: "Learn the attention mechanism of transformers, step by step, in the terminal.",
        discussion: """
            Every number comes from a real CPU tensor kernel on OpenBLAS. Run `attn` with no \
            arguments to open the explorer, or `attn bench` to measure the kernel.
            """,
        version: version,
        subcommands: [Bench.self]
    )

    mutating func run() throws {
        print("attn \(Self.version): the lesson explorer is on its way. Try `attn bench`, or `attn --help`.")
    }
}
