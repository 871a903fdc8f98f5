@NullMarked
package dev.sluice.app.config;

import org.jspecify.annotations.NullMarked;
