@NullMarked
package dev.sluice.worker.engine.llamacpp;

import org.jspecify.annotations.NullMarked;
