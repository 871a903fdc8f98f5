@NullMarked
package dev.sluice.topology.guard.safety;

import org.jspecify.annotations.NullMarked;
