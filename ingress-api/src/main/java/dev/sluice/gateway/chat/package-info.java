@NullMarked
package dev.sluice.gateway.chat;

import org.jspecify.annotations.NullMarked;
