@NullMarked
package dev.sluice.schemas.kafka;

import org.jspecify.annotations.NullMarked;
