@NullMarked
package dev.sluice.schemas.id;

import org.jspecify.annotations.NullMarked;
