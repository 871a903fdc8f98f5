@NullMarked
package dev.sluice.worker.engine;

import org.jspecify.annotations.NullMarked;
