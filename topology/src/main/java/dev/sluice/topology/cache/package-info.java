@NullMarked
package dev.sluice.topology.cache;

import org.jspecify.annotations.NullMarked;
