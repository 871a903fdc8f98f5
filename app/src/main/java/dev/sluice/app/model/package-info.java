@NullMarked
package dev.sluice.app.model;

import org.jspecify.annotations.NullMarked;
