@NullMarked
package dev.sluice.worker.loop;

import org.jspecify.annotations.NullMarked;
