@NullMarked
package dev.sluice.topology.guard;

import org.jspecify.annotations.NullMarked;
