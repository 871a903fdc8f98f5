@NullMarked
package dev.sluice.bench.topology;

import org.jspecify.annotations.NullMarked;
