@NullMarked
package dev.sluice.app.dev;

import org.jspecify.annotations.NullMarked;
