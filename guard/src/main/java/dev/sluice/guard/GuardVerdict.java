package dev.sluice.guard;

import java.util.List;

/**
 * The pipeline's answer for one text: the action, every reason that contributed, the text with
 * PII replaced by placeholders, and the masked spans.
 */
public record GuardVerdict(Action action, List<Reason> reasons, String masked, List<Entity> entities) {
    public GuardVerdict {
        reasons = List.copyOf(reasons);
        entities = List.copyOf(entities);
    }

    public boolean blocked() {
        return action == Action.BLOCK;
    }

    /** The first reason of the given check, for a user-facing message ("blocked: injection ..."). */
    public String summary() {
        if (reasons.isEmpty()) {
            return action.wire();
        }
        Reason top = reasons.stream()
                .max(java.util.Comparator.comparingDouble(Reason::score))
                .orElseThrow();
        return action.wire() + ": " + top.check() + "/" + top.rule() + " (" + top.detail() + ")";
    }
}
