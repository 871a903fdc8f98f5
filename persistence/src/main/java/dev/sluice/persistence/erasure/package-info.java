@NullMarked
package dev.sluice.persistence.erasure;

import org.jspecify.annotations.NullMarked;
