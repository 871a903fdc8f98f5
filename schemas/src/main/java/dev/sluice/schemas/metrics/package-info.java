/** Meter names, one naming rule for every module (see {@link dev.sluice.schemas.metrics.MeterNames}). */
@NullMarked
package dev.sluice.schemas.metrics;

import org.jspecify.annotations.NullMarked;
