@NullMarked
package dev.sluice.bridge.registry;

import org.jspecify.annotations.NullMarked;
