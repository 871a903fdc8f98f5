/** Lifecycle contracts the application sees across modules. */
@NullMarked
package dev.sluice.schemas.lifecycle;

import org.jspecify.annotations.NullMarked;
