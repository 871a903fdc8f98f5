@NullMarked
package dev.sluice.app.cli;

import org.jspecify.annotations.NullMarked;
