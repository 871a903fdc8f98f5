@NullMarked
package dev.sluice.bridge;

import org.jspecify.annotations.NullMarked;
