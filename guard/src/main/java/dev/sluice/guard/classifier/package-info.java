/** The learned layer: a sentence encoder on ONNX Runtime, logistic heads over its embeddings and the rule scores, and their training. */
@NullMarked
package dev.sluice.guard.classifier;

import org.jspecify.annotations.NullMarked;
