@NullMarked
package dev.sluice.topology.guard.normalize;

import org.jspecify.annotations.NullMarked;
