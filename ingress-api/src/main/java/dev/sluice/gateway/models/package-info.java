@NullMarked
package dev.sluice.gateway.models;

import org.jspecify.annotations.NullMarked;
