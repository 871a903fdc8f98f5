package dev.sluice.guard.classifier;

/**
 * One logistic-regression head over {@link Features}: {@code p = sigmoid(w·x + b)}. It fires at
 * {@code threshold}, chosen by the trainer on a calibration split so that benign text is rarely
 * blocked. {@code check} says which layer the head belongs to ({@code injection} or
 * {@code safety}); {@code name} is the label it was trained on (a safety category's wire name,
 * "harm", or "injection").
 */
public record Head(String name, String check, double[] weights, double bias, double threshold, double flagAt) {
    public Head {
        weights = weights.clone();
        if (!(threshold > 0 && threshold < 1))
            throw new IllegalArgumentException("head " + name + ": threshold must be in (0, 1), got " + threshold);
        if (!(flagAt == 0 || (flagAt > 0 && flagAt < threshold)))
            throw new IllegalArgumentException(
                    "head " + name + ": flag_at must be 0 (none) or in (0, threshold), got " + flagAt);
    }

    /** A head with no flag tier. */
    public Head(String name, String check, double[] weights, double bias, double threshold) {
        this(name, check, weights, bias, threshold, 0);
    }

    /**
     * Whether {@code p} is in this head's flag tier: under the threshold at which its category's action
     * (a block) is taken, but at or above {@code flagAt}, calibrated by {@code guard train} against a
     * looser benign budget than the threshold. Such a text goes through with a flag and a reason: a head
     * blocks only where it is sure, and says what it saw where it is not.
     */
    public boolean flags(double p) {
        return flagAt > 0 && p >= flagAt && p < threshold;
    }

    public double probability(double[] x) {
        if (x.length != weights.length) {
            throw new IllegalArgumentException(
                    "head " + name + " expects " + weights.length + " features, got " + x.length);
        }
        double z = bias;
        for (int i = 0; i < x.length; i++) z += weights[i] * x[i];
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * The probability on the guard's score scale: the head's threshold lands on the default
     * block-at (0.8), so "classifier:injection 0.93" reads like a rule score and combines with
     * the rules by the same noisy-OR. Below the threshold the score falls with the cube of the
     * distance, so only texts within ~10% of it reach flag-at (0.5): thresholds are often low
     * (0.2-0.3), and a linear scale flagged "hello".
     */
    public double score(double p) {
        double r = p / threshold;
        double s = p < threshold ? 0.8 * r * r * r : 0.8 + 0.2 * (p - threshold) / (1 - threshold);
        return Math.round(s * 1000) / 1000.0;
    }

    /**
     * A text of at most this many words is too short to carry an injection the rules do not know
     * ("ignore your instructions" and the jailbreak names are rules): an injection head alone only
     * flags it, never blocks. Short chat ("ai, stop!") is where a sentence embedding says least
     * and where a false block hurts most.
     */
    public static final int SHORT_WORDS = 4;

    /** Whether this head firing on {@code text} blocks it by itself (see {@link #SHORT_WORDS}). */
    public boolean blocksAlone(String text) {
        return !"injection".equals(check) || words(text) > SHORT_WORDS;
    }

    public static int words(String text) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !in) n++;
            in = letter;
        }
        return n;
    }

    public boolean fires(double p) {
        return p >= threshold;
    }

    /** Fires or flags: the head says something about this text. */
    public boolean catches(double p) {
        return fires(p) || flags(p);
    }
}
