/// Lookup tables for `renderInlineMath`.
///
/// Kept apart from the renderer so adding a symbol never means reading parser code; a namespace
/// so the names cannot clash with the rest of LessonEngine.
enum MathTables {
    /// LaTeX command name → the Unicode it stands for.
    static let symbols: [String: String] = [
        // Greek, lower case. \epsilon is drawn as ε: the lunate ϵ is hard to read in terminal fonts.
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        // Greek, upper case (the others look like Latin capitals and LaTeX has no command for them).
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        // Big operators and constants.
        "sum": "Σ", "prod": "∏", "int": "∫", "infty": "∞", "partial": "∂", "nabla": "∇",
        "ell": "ℓ", "forall": "∀", "exists": "∃", "emptyset": "∅",
        // Binary operators.
        "cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "odot": "⊙", "otimes": "⊗",
        "oplus": "⊕", "circ": "∘", "ast": "*", "star": "⋆", "cup": "∪", "cap": "∩", "setminus": "∖",
        // Relations and arrows.
        "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "le": "≤", "leq": "≤", "ge": "≥",
        "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "sim": "~", "simeq": "≃", "equiv": "≡",
        "propto": "∝", "ll": "≪", "gg": "≫", "to": "→", "rightarrow": "→", "leftarrow": "←",
        "gets": "←", "Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔", "iff": "⇔",
        "implies": "⇒", "mapsto": "↦", "mid": "|",
        // Delimiters and dots.
        "lVert": "‖", "rVert": "‖", "Vert": "‖", "|": "‖", "lvert": "|", "rvert": "|", "vert": "|",
        "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
        "ldots": "…", "dots": "…", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
        // Outside a superscript \top is the "top" symbol; `^\top` is handled as ᵀ by the renderer.
        "top": "⊤", "bot": "⊥", "intercal": "ᵀ", "prime": "′", "neg": "¬", "land": "∧", "lor": "∨",
    ]

    /// Relations and arrows, drawn with a space on each side.
    static let relations: Set<String> = [
        "in", "notin", "subset", "subseteq", "le", "leq", "ge", "geq", "ne", "neq", "approx", "sim",
        "simeq", "equiv", "propto", "ll", "gg", "to", "rightarrow", "leftarrow", "gets", "Rightarrow",
        "Leftarrow", "leftrightarrow", "iff", "implies", "mapsto", "mid", "land", "lor",
    ]

    /// Big operators, spaced like functions from a following letter (`Σ_j e^(x_j)`).
    static let bigOperators: Set<String> = ["sum", "prod", "int"]

    /// Function names that LaTeX sets upright and that render as their own name.
    static let functions: Set<String> = [
        "exp", "log", "ln", "lg", "tanh", "sinh", "cosh", "sin", "cos", "tan", "arctan", "max", "min",
        "sup", "inf", "arg", "argmax", "argmin", "lim", "det", "dim", "ker", "softmax", "sgn", "Pr",
    ]

    /// `\mathbb` letters.
    static let blackboard: [Character: Character] = [
        "R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ", "1": "𝟙",
    ]

    /// Characters with a Unicode superscript form.
    static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        "+": "⁺", "-": "⁻", "−": "⁻", "=": "⁼", "(": "⁽", ")": "⁾",
        "a": "ᵃ", "b": "ᵇ", "c": "ᶜ", "d": "ᵈ", "e": "ᵉ", "f": "ᶠ", "g": "ᵍ", "h": "ʰ", "i": "ⁱ",
        "j": "ʲ", "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "n": "ⁿ", "o": "ᵒ", "p": "ᵖ", "r": "ʳ", "s": "ˢ",
        "t": "ᵗ", "u": "ᵘ", "v": "ᵛ", "w": "ʷ", "x": "ˣ", "y": "ʸ", "z": "ᶻ",
        "A": "ᴬ", "B": "ᴮ", "D": "ᴰ", "E": "ᴱ", "G": "ᴳ", "H": "ᴴ", "I": "ᴵ", "J": "ᴶ", "K": "ᴷ",
        "L": "ᴸ", "M": "ᴹ", "N": "ᴺ", "O": "ᴼ", "P": "ᴾ", "R": "ᴿ", "T": "ᵀ", "U": "ᵁ", "V": "ⱽ", "W": "ᵂ",
        "β": "ᵝ", "γ": "ᵞ", "δ": "ᵟ", "θ": "ᶿ", "φ": "ᵠ", "χ": "ᵡ", "ᵀ": "ᵀ",
    ]

    /// Digits and signs with a Unicode subscript form (letters are deliberately absent; see `renderInlineMath`).
    static let numericSubscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
        "+": "₊", "-": "₋", "−": "₋", "=": "₌", "(": "₍", ")": "₎",
    ]

    /// The lowercase Latin letters Unicode has subscripts for (U+2090–209C, U+1D62–1D65, U+2C7C),
    /// all present in the common monospace fonts (DejaVu Sans Mono, Noto Mono). Greek
    /// subscripts (ᵦ ᵧ) are left out: those fonts lack them.
    static let letterSubscripts: [Character: Character] = [
        "a": "ₐ", "e": "ₑ", "h": "ₕ", "i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "n": "ₙ",
        "o": "ₒ", "p": "ₚ", "r": "ᵣ", "s": "ₛ", "t": "ₜ", "u": "ᵤ", "v": "ᵥ", "x": "ₓ",
    ]
}
