@NullMarked
package dev.sluice.topology;

import org.jspecify.annotations.NullMarked;
