@NullMarked
package dev.sluice.guard;

import org.jspecify.annotations.NullMarked;
