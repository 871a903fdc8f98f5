@NullMarked
package dev.sluice.bench.tokenpath;

import org.jspecify.annotations.NullMarked;
