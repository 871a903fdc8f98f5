@NullMarked
package dev.sluice.gateway.api;

import org.jspecify.annotations.NullMarked;
