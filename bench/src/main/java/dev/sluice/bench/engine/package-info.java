@NullMarked
package dev.sluice.bench.engine;

import org.jspecify.annotations.NullMarked;
