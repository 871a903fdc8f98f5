@NullMarked
package dev.sluice.bridge.cancel;

import org.jspecify.annotations.NullMarked;
