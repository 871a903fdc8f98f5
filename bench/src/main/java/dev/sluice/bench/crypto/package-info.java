@NullMarked
package dev.sluice.bench.crypto;

import org.jspecify.annotations.NullMarked;
