@NullMarked
package dev.sluice.schemas.topic;

import org.jspecify.annotations.NullMarked;
