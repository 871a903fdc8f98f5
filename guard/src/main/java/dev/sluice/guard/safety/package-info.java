@NullMarked
package dev.sluice.guard.safety;

import org.jspecify.annotations.NullMarked;
