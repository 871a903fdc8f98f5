@NullMarked
package dev.sluice.bench.ttft;

import org.jspecify.annotations.NullMarked;
