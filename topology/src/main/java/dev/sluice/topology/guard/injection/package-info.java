@NullMarked
package dev.sluice.topology.guard.injection;

import org.jspecify.annotations.NullMarked;
