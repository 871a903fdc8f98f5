@NullMarked
package dev.sluice.schemas.serde;

import org.jspecify.annotations.NullMarked;
