/** Logging contracts shared by every module. */
@NullMarked
package dev.sluice.schemas.log;

import org.jspecify.annotations.NullMarked;
