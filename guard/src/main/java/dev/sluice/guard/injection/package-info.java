@NullMarked
package dev.sluice.guard.injection;

import org.jspecify.annotations.NullMarked;
