package dev.sluice.guard.classifier;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.safety.SafetyCategory;
import java.util.Locale;
import java.util.Set;

/**
 * How much benign calibration text the blocking heads together may block ({@code overall},
 * {@code perSlice}) and the flagging heads together may flag ({@code flagOverall},
 * {@code flagPerSlice}); {@code actions} says which heads block (the runtime's settings).
 */
record Budget(
        double overall,
        double perSlice,
        double flagOverall,
        double flagPerSlice,
        Set<String> never,
        double targetRecall,
        GuardConfig actions,
        double tierOverall,
        double tierPerSlice) {
    /** No flag tier for the blocking heads. */
    Budget(
            double overall,
            double perSlice,
            double flagOverall,
            double flagPerSlice,
            Set<String> never,
            double targetRecall,
            GuardConfig actions) {
        this(overall, perSlice, flagOverall, flagPerSlice, never, targetRecall, actions, 0, 0);
    }

    /**
     * Whether the blocking heads get a flag tier: a second threshold, calibrated as if the block budget
     * were {@code tierOverall} / {@code tierPerSlice}, under which they flag instead of blocking.
     */
    boolean tiered() {
        return tierOverall > overall;
    }

    /** The budget the flag tier is calibrated in: the block budget widened to the tier's limits. */
    Budget tier() {
        return new Budget(tierOverall, tierPerSlice, flagOverall, flagPerSlice, never, targetRecall, actions, 0, 0);
    }

    /** The budget a head is calibrated in: BLOCK, or FLAG for a head that does not block (flag or allow). */
    Action action(Head head) {
        return actions.headAction(head.check(), head.name()) == Action.BLOCK ? Action.BLOCK : Action.FLAG;
    }

    /** {@code --actions injection=block,self_harm=flag,...} over the guard's defaults. */
    static GuardConfig actions(GuardConfig base, String spec) {
        GuardConfig c = base;
        for (String pair : spec.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length != 2) throw new IllegalArgumentException("--actions wants CATEGORY=ACTION, got " + pair);
            Action a = Action.valueOf(kv[1].strip().toUpperCase(Locale.ROOT));
            c = kv[0].strip().equals("injection")
                    ? c.withInjection(c.injectionFlagAt(), c.injectionBlockAt(), a)
                    : c.withSafetyAction(SafetyCategory.fromWire(kv[0].strip().replace('-', '_')), a);
        }
        return c;
    }
}
