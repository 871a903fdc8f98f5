@NullMarked
package dev.sluice.topology.pipeline;

import org.jspecify.annotations.NullMarked;
