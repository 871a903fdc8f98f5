@NullMarked
package dev.sluice.persistence.config;

import org.jspecify.annotations.NullMarked;
