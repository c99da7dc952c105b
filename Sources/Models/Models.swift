// Trained models: tokenizers, weights, forward passes.
