/** The process roles ({@code sluice.roles}) and the condition that switches beans by them. */
@NullMarked
package dev.sluice.schemas.role;

import org.jspecify.annotations.NullMarked;
