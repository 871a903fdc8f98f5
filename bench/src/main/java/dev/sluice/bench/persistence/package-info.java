@NullMarked
package dev.sluice.bench.persistence;

import org.jspecify.annotations.NullMarked;
