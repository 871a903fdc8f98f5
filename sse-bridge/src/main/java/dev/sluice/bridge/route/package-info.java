@NullMarked
package dev.sluice.bridge.route;

import org.jspecify.annotations.NullMarked;
