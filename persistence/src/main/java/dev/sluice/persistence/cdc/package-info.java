@NullMarked
package dev.sluice.persistence.cdc;

import org.jspecify.annotations.NullMarked;
