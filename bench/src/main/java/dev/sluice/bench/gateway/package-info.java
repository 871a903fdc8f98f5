@NullMarked
package dev.sluice.bench.gateway;

import org.jspecify.annotations.NullMarked;
