/** Who may do what on the brokers: one SCRAM user per role, its ACLs, and {@code sluice kafka-setup}, which applies them. */
@NullMarked
package dev.sluice.app.kafka;

import org.jspecify.annotations.NullMarked;
