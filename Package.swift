// swift-tools-version: 6.0
//
// attn: a terminal program that teaches the attention mechanism step by step.
//
// Dependencies point one way:
//   AttentionKernel ← ModelFormats/Models ← LessonEngine ← ExplorerUI ← TerminalBackend ← attn
//   ModelFormats (file readers) + AttentionKernel + CQuantKernels ← Models (trained models):
//   LessonEngine's `model` operation runs them (Operations/Model.swift)
import PackageDescription

let package = Package(
    name: "attn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "attn", targets: ["attn"]),
        .library(name: "AttentionKernel", targets: ["AttentionKernel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        // System libraries. OpenBLAS's pkg-config file is not on the default path on Debian 12,
        // so the module map links `openblas` directly (see ../shared/GUIDE.md §4).
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses"),

        // The tiled path's products and softmax step in C, compiled per instruction set (AVX-512,
        // AVX2+FMA, baseline) and chosen at run time, so one binary runs on every x86-64; the input
        // check; the choice of OpenBLAS's kernels on CPUs OpenBLAS does not know (see its header).
        .target(
            name: "CAttentionKernels",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        // Tensor and every attention operation. No I/O, no UI.
        .target(
            name: "AttentionKernel",
            dependencies: ["COpenBLAS", "CAttentionKernels"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // Lesson files: parsing, validation with file:line errors, evaluation through the kernel
        // (and through the trained models, for scenes with `op: model`).
        .target(
            name: "LessonEngine",
            dependencies: ["AttentionKernel", "Models", .product(name: "Yams", package: "Yams")]
        ),
        // App state, update, view, widgets drawing into a CellGrid. Never calls ncurses.
        // It reaches the kernel only through LessonEngine's types: MemberImportVisibility makes
        // the compiler refuse a Tensor member used without `import AttentionKernel`, which no
        // ExplorerUI file has.
        .target(name: "ExplorerUI", dependencies: ["LessonEngine"], swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        // The only code that calls ncurses.
        .target(name: "TerminalBackend", dependencies: ["ExplorerUI", "CNCurses"]),
        // Model file readers (safetensors, GGUF), memory-mapped and validated. Foundation only.
        .target(name: "ModelFormats"),
        // Quantised (Q4_1, Q8_0) matrix products in C, AVX2 chosen at run time. No I/O.
        .target(name: "CQuantKernels", cSettings: [.unsafeFlags(["-O3"])]),
        // Trained models (MiniLM/BERT, SmolLM2/Llama): tokenizers, weights, forward passes, installs.
        .target(
            name: "Models",
            dependencies: ["AttentionKernel", "ModelFormats", "COpenBLAS", "CQuantKernels"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),
        // The command line.
        .executableTarget(
            name: "attn",
            dependencies: [
                "AttentionKernel", "LessonEngine", "ExplorerUI", "TerminalBackend", "ModelFormats", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The one assertAllClose both test suites use.
        .target(name: "AttnTestSupport", dependencies: ["AttentionKernel"], path: "Tests/AttnTestSupport"),
        .testTarget(
            name: "AttentionKernelTests",
            dependencies: ["AttentionKernel", "AttnTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LessonEngineTests",
            dependencies: [
                "LessonEngine", "Models", "AttnTestSupport",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"],
            resources: [.copy("Broken"), .copy("Fixtures")]
        ),
        .testTarget(
            name: "ExplorerUITests",
            dependencies: [
                "ExplorerUI",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "ModelFormatsTests", dependencies: ["ModelFormats", "AttnTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "ModelFormats", "AttentionKernel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TerminalBackendTests", dependencies: ["TerminalBackend", "ExplorerUI", "CNCurses"]),
        // Runs the real binary in a real terminal (tmux).
        .testTarget(name: "EndToEndTests", dependencies: ["attn", "LessonEngine"]),
    ]
)
