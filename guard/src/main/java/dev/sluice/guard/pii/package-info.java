@NullMarked
package dev.sluice.guard.pii;

import org.jspecify.annotations.NullMarked;
