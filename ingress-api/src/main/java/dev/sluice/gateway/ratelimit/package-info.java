@NullMarked
package dev.sluice.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
