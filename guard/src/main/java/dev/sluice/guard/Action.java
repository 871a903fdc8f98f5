package dev.sluice.guard;

/** What the pipeline decided for one text; ordered from mildest to strictest. */
public enum Action {
    ALLOW,
    FLAG,
    BLOCK;

    /** The stricter of the two, so several checks can be folded into one decision. */
    public Action max(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
