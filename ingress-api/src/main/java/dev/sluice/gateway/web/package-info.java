@NullMarked
package dev.sluice.gateway.web;

import org.jspecify.annotations.NullMarked;
