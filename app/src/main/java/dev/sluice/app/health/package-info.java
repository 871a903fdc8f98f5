/** Health indicators of the one application, for the roles' probes. */
@NullMarked
package dev.sluice.app.health;

import org.jspecify.annotations.NullMarked;
