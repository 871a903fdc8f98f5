@NullMarked
package dev.sluice.bridge.sse;

import org.jspecify.annotations.NullMarked;
