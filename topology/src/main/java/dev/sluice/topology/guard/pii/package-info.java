@NullMarked
package dev.sluice.topology.guard.pii;

import org.jspecify.annotations.NullMarked;
