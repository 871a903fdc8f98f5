@NullMarked
package dev.sluice.bench.bridge;

import org.jspecify.annotations.NullMarked;
