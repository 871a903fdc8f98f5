@NullMarked
package dev.sluice.topology.template;

import org.jspecify.annotations.NullMarked;
