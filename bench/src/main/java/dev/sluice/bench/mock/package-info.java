@NullMarked
package dev.sluice.bench.mock;

import org.jspecify.annotations.NullMarked;
