import ExplorerUI

/// A full-screen program in the Elm shape: events update its state, `render` draws it.
///
/// `render` must not change anything, so the same state always gives the same grid and the run
/// loop may call it as often as it likes (after every batch of events, tick and resize).
public protocol TerminalProgram {
    /// Updates the state for `event`; returns false to quit.
    ///
    /// `.interrupted` is delivered once, to save what needs saving; the loop stops after it
    /// whatever this returns. Throwing stops the loop too, with the terminal already restored
    /// when the error reaches the caller.
    mutating func handle(_ event: TerminalEvent) throws -> Bool

    /// The whole screen for the current state at `width` × `height`, in colours `depth` can show.
    func render(width: Int, height: Int, depth: ColorDepth) -> CellGrid

    /// How often `tick()` should run, or nil for never; read again after every tick and event.
    var tickMilliseconds: Int? { get }

    /// Advances time-driven state (an animation); returns false to quit.
    mutating func tick() throws -> Bool
}

extension TerminalProgram {
    public var tickMilliseconds: Int? { nil }
    public mutating func tick() throws -> Bool { true }
}

/// Why `runFullScreen` returned.
public enum RunOutcome: Equatable, Sendable {
    /// The program asked to quit.
    case quit
    /// A signal (SIGTERM, SIGHUP, SIGINT) stopped the loop.
    case interrupted(signal: Int32)

    /// The exit status a shell expects: 0 for quit, 128 + the signal number otherwise.
    public var exitStatus: Int32 {
        switch self {
        case .quit: 0
        case .interrupted(let signal): 128 + signal
        }
    }
}

/// Runs `program` full screen until it quits, a signal arrives or it throws.
///
/// The terminal is always given back before this returns or throws, so the caller may print
/// (an error, a summary) straight away. `depth` forces a colour depth (nil: detect it).
@discardableResult
public func runFullScreen<P: TerminalProgram>(_ program: inout P, depth: ColorDepth?) throws -> RunOutcome {
    let terminal = Terminal()
    try terminal.start(depth: depth)
    defer { terminal.stop() }
    return try runEventLoop(&program, on: terminal)
}

/// How long one wait for input may last, so a missed wake-up is noticed soon anyway.
let pollMilliseconds = 100
/// How many queued events are handled before the screen is drawn again.
let eventsPerFrame = 64

/// The loop itself, on a terminal that is already started: wait, handle, draw.
func runEventLoop<P: TerminalProgram>(_ program: inout P, on terminal: Terminal) throws -> RunOutcome {
    let clock = ContinuousClock()
    func render() {
        terminal.draw(program.render(width: terminal.size.width, height: terminal.size.height, depth: terminal.colorDepth))
    }
    func deadline(after milliseconds: Int?) -> ContinuousClock.Instant? {
        milliseconds.map { clock.now.advanced(by: .milliseconds(max(1, $0))) }
    }

    // The program learns the size it starts at as it learns every later one.
    guard try program.handle(.resize(width: terminal.size.width, height: terminal.size.height)) else { return .quit }
    render()
    var nextTick = deadline(after: program.tickMilliseconds)
    while true {
        var timeout = pollMilliseconds
        if let nextTick {
            let remaining = clock.now.duration(to: nextTick).components
            let milliseconds = Int(remaining.seconds) * 1000 + Int(remaining.attoseconds / 1_000_000_000_000_000)
            timeout = max(0, min(timeout, milliseconds))
        }
        var needsRender = false
        var event = terminal.nextEvent(timeoutMilliseconds: timeout)
        var handled = 0
        // Drain what is already queued (a held-down key, a paste) before drawing once.
        while let current = event {
            if current == .interrupted {
                _ = try program.handle(.interrupted)
                return .interrupted(signal: SignalGuard.pendingSignal ?? 0)
            }
            guard try program.handle(current) else { return .quit }
            needsRender = true
            handled += 1
            event = handled < eventsPerFrame ? terminal.nextEvent(timeoutMilliseconds: 0) : nil
        }
        if needsRender {
            // An event may have started or stopped an animation.
            if program.tickMilliseconds == nil { nextTick = nil }
            else if nextTick == nil { nextTick = deadline(after: program.tickMilliseconds) }
        }
        if let due = nextTick, clock.now >= due {
            guard try program.tick() else { return .quit }
            needsRender = true
            nextTick = deadline(after: program.tickMilliseconds)
        }
        if needsRender { render() }
    }
}
