import ArgumentParser
import Foundation
import Models

/// `attn models`: lists the trained models, verifies the installed ones; `install` gets them.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: say(.modelsAbstract),
        discussion: say(.modelsDiscussion),
        subcommands: [ModelsList.self, ModelsInstall.self],
        defaultSubcommand: ModelsList.self
    )
}

struct ModelsList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: say(.modelsListAbstract))

    func run() throws {
        let store = ModelStore.standard
        print(say(.modelsIn, ["path": "\(store.root)"]))
        var damaged = false
        for spec in ModelCatalog.all {
            let states = store.check(spec, full: true)
            let missing = states.allSatisfy { $0.status == .missing }
            let ok = states.allSatisfy { $0.status.isOK }
            let state = say(ok ? .modelInstalled : missing ? .modelNotInstalled : .modelDamaged)
            print("\n\(spec.name)  \(state)  \(ModelStore.formatBytes(spec.totalBytes))  \(spec.requirement)")
            print("  \(spec.title)")
            if !missing {
                for (f, s) in states { print("  \(s.isOK ? "✓" : "✗") \(f.name)  \(ModelStore.formatBytes(f.bytes))  \(ModelStore.describe(s, f))") }
            }
            if !ok {
                damaged = damaged || !missing
                print("  " + say(.modelInstallLine, ["command": spec.installCommand]))
            }
        }
        if damaged { throw ExitCode(1) }
    }
}

struct ModelsInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: say(.modelsInstallAbstract))

    @Argument(help: ArgumentHelp(say(.modelsInstallArgumentHelp)))
    var model: String = "all"

    func validate() throws {
        guard model == "all" || ModelCatalog.named(model) != nil else {
            throw ValidationError(say(.unknownModel, ["model": model]))
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
