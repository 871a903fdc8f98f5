@NullMarked
package dev.sluice.topology.context;

import org.jspecify.annotations.NullMarked;
