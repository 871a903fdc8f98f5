/**
 * Loopback ports for embedded servers (dev mode, tests, benchmarks) that cannot bind port 0:
 * picked outside the kernel's ephemeral range, reserved across this JVM and other JVMs, and a
 * start retried on new ports when a foreign process took one first.
 */
@NullMarked
package dev.sluice.schemas.net;

import org.jspecify.annotations.NullMarked;
