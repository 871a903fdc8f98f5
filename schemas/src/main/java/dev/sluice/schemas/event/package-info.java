@NullMarked
package dev.sluice.schemas.event;

import org.jspecify.annotations.NullMarked;
