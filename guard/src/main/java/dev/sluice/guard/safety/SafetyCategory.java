package dev.sluice.guard.safety;

import java.util.Locale;

/** Content-safety categories; each has its own configurable action. */
public enum SafetyCategory {
    VIOLENCE,
    SELF_HARM,
    SEXUAL_MINORS,
    HATE,
    WEAPONS,
    CRIME;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SafetyCategory fromWire(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
