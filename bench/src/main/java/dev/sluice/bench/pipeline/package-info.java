@NullMarked
package dev.sluice.bench.pipeline;

import org.jspecify.annotations.NullMarked;
