/**
 * Change data capture of the conversation tables: an embedded Debezium engine (pgoutput, offsets
 * in Kafka) streams row changes to {@code sluice.audit} and turns a deleted conversation into
 * the erasure of what was derived from it. Lag is exported as gauges.
 */
@NullMarked
package dev.sluice.persistence.cdc;

import org.jspecify.annotations.NullMarked;
