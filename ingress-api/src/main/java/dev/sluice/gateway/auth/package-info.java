@NullMarked
package dev.sluice.gateway.auth;

import org.jspecify.annotations.NullMarked;
