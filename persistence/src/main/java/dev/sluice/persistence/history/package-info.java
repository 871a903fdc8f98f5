@NullMarked
package dev.sluice.persistence.history;

import org.jspecify.annotations.NullMarked;
