@NullMarked
package dev.sluice.bridge.replay;

import org.jspecify.annotations.NullMarked;
