@NullMarked
package dev.sluice.persistence.sink;

import org.jspecify.annotations.NullMarked;
