@NullMarked
package dev.sluice.gateway.streams;

import org.jspecify.annotations.NullMarked;
