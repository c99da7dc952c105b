import ArgumentParser
import Foundation
import LessonEngine
import Models

/// A size as `87.3 MB` / `87,3 МБ`.
func sizeText(_ bytes: Int, _ language: Language) -> String {
    let mb = bytes >= 1 << 20
    let value = Double(bytes) / (mb ? 1_048_576 : 1024)
    return language.numbers.fixed(value, decimals: 1) + " " + (mb ? CommandText.sizeMB : .sizeKB).text(language)
}

/// A file's state in `attn models`, in `language`.
func fileStatusText(_ status: ModelStore.FileStatus, expected: Int, _ language: Language) -> String {
    switch status {
    case .ok: return CommandText.fileVerified.text(language)
    case .missing: return CommandText.fileMissing.text(language)
    case .wrongSize(let n): return CommandText.fileWrongSize.text(language, ["got": "\(n)", "expected": "\(expected)"])
    case .wrongDigest: return CommandText.fileWrongDigest.text(language)
    }
}

/// An install step in `language`.
func installEventText(_ event: ModelStore.InstallEvent, _ language: Language) -> String {
    switch event {
    case let .alreadyInstalled(model, directory): return CommandText.installAlready.text(language, ["model": model, "directory": directory])
    case let .downloading(model, requirement): return CommandText.installDownloading.text(language, ["model": model, "requirement": requirement])
    case let .fileVerified(model, file, bytes): return CommandText.installFileVerified.text(language, ["model": model, "file": file, "size": sizeText(bytes, language)])
    case let .installed(model, directory, bytes): return CommandText.installDone.text(language, ["model": model, "directory": directory, "size": sizeText(bytes, language)])
    }
}

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
            print("\n\(spec.name)  \(state)  \(sizeText(spec.totalBytes, commandLanguage))  \(spec.requirement)")
            print("  " + (spec.name == "minilm" ? say(.minilmTitle) : spec.name == "smollm2" ? say(.smollm2Title) : spec.title))
            if !missing {
                for (f, s) in states { print("  \(s.isOK ? "✓" : "✗") \(f.name)  \(sizeText(f.bytes, commandLanguage))  \(fileStatusText(s, expected: f.bytes, commandLanguage))") }
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
                try store.install(spec) { print(installEventText($0, commandLanguage)) }
            } catch {
                throw CommandFailure("\(error)")
            }
        }
    }
}
