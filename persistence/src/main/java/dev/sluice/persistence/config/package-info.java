/**
 * Spring wiring of the persistence role (sinks and capture) and of the gateway's history API,
 * each guarded by its role; the runtime pieces are plain objects built here.
 */
@NullMarked
package dev.sluice.persistence.config;

import org.jspecify.annotations.NullMarked;
