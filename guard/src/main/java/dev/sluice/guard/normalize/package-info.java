@NullMarked
package dev.sluice.guard.normalize;

import org.jspecify.annotations.NullMarked;
