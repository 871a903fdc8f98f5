@NullMarked
package dev.sluice.app.crypto;

import org.jspecify.annotations.NullMarked;
