package dev.sluice.guard;

import dev.sluice.guard.safety.SafetyCategory;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything an operator tunes. Injection: a combined score at or above {@code injectionFlagAt}
 * flags, at or above {@code injectionBlockAt} takes {@code injectionAction} (BLOCK by default,
 * FLAG to observe only). Safety: one action per category. PII: which types to mask, values
 * never to mask ({@code piiAllow}, exact, case-insensitive), terms always to mask ({@code piiDeny}),
 * the action a prompt with PII gets (ALLOW: masking is enough), and the regions whose national
 * phone formats are recognized without a leading +.
 */
public record GuardConfig(
        double injectionFlagAt,
        double injectionBlockAt,
        Action injectionAction,
        Map<SafetyCategory, Action> safetyActions,
        boolean maskPii,
        Set<String> piiTypes,
        Set<String> piiAllow,
        List<String> piiDeny,
        Action piiAction,
        List<String> phoneRegions) {

    public GuardConfig {
        if (!(injectionFlagAt > 0 && injectionFlagAt <= injectionBlockAt && injectionBlockAt <= 1.0)) {
            throw new IllegalArgumentException("need 0 < injectionFlagAt <= injectionBlockAt <= 1, got "
                    + injectionFlagAt + " / " + injectionBlockAt);
        }
        Map<SafetyCategory, Action> actions = new EnumMap<>(SafetyCategory.class);
        actions.putAll(safetyActions);
        safetyActions = Map.copyOf(actions);
        piiTypes = Set.copyOf(piiTypes);
        piiAllow = Set.copyOf(piiAllow);
        piiDeny = List.copyOf(piiDeny);
        phoneRegions = List.copyOf(phoneRegions);
    }

    /** The defaults of {@code sluice.guard.*}, kept in {@link GuardSettings}. */
    public static GuardConfig defaults() {
        return DEFAULTS;
    }

    private static final GuardConfig DEFAULTS = GuardSettings.defaults().config();

    public GuardConfig withInjection(double flagAt, double blockAt, Action action) {
        return new GuardConfig(
                flagAt, blockAt, action, safetyActions, maskPii, piiTypes, piiAllow, piiDeny, piiAction, phoneRegions);
    }

    public GuardConfig withSafetyAction(SafetyCategory category, Action action) {
        Map<SafetyCategory, Action> m = new EnumMap<>(SafetyCategory.class);
        m.putAll(safetyActions);
        m.put(category, action);
        return new GuardConfig(
                injectionFlagAt,
                injectionBlockAt,
                injectionAction,
                m,
                maskPii,
                piiTypes,
                piiAllow,
                piiDeny,
                piiAction,
                phoneRegions);
    }

    public GuardConfig withPii(Set<String> types, Set<String> allow, List<String> deny) {
        return new GuardConfig(
                injectionFlagAt,
                injectionBlockAt,
                injectionAction,
                safetyActions,
                maskPii,
                types,
                allow,
                deny,
                piiAction,
                phoneRegions);
    }

    public GuardConfig withPiiAction(Action action) {
        return new GuardConfig(
                injectionFlagAt,
                injectionBlockAt,
                injectionAction,
                safetyActions,
                maskPii,
                piiTypes,
                piiAllow,
                piiDeny,
                action,
                phoneRegions);
    }

    public GuardConfig withPhoneRegions(List<String> regions) {
        return new GuardConfig(
                injectionFlagAt,
                injectionBlockAt,
                injectionAction,
                safetyActions,
                maskPii,
                piiTypes,
                piiAllow,
                piiDeny,
                piiAction,
                regions);
    }

    /**
     * What a learned head that fires takes: a safety head its category's action ("harm" and other
     * names that are no category: the strictest configured one), the injection head the injection
     * action (it fires at block-at). The runtime and the trainer's calibration both read it here.
     */
    public Action headAction(String check, String headName) {
        if ("injection".equals(check)) return injectionAction;
        for (SafetyCategory c : SafetyCategory.values()) {
            if (c.wire().equals(headName.replace('-', '_'))) return safetyActions.getOrDefault(c, Action.ALLOW);
        }
        return safetyActions.values().stream().reduce(Action.ALLOW, Action::max);
    }

    /** Allow/deny values are deployment secrets of a kind; keep them out of logs. */
    @Override
    public String toString() {
        return "GuardConfig[injection=" + injectionFlagAt + "/" + injectionBlockAt + "->" + injectionAction
                + ", safety=" + safetyActions + ", maskPii=" + maskPii + ", piiTypes=" + piiTypes
                + ", piiAllow=" + piiAllow.size() + " values, piiDeny=" + piiDeny.size() + " terms, piiAction="
                + piiAction + "]";
    }
}
