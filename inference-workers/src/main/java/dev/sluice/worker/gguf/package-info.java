@NullMarked
package dev.sluice.worker.gguf;

import org.jspecify.annotations.NullMarked;
