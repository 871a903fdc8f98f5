package dev.sluice.guard.classifier;

/**
 * A head's input: the sentence embedding, then the rule layers' own scores (combined injection
 * score, highest safety rule score), so a head can learn how far to trust the rules.
 */
public final class Features {
    public static final int RULE_FEATURES = 2;
    public static final int SIZE = SentenceEncoder.DIMENSIONS + RULE_FEATURES;

    private Features() {}

    public static double[] of(float[] embedding, double ruleInjection, double ruleSafety) {
        double[] x = new double[embedding.length + RULE_FEATURES];
        for (int i = 0; i < embedding.length; i++) x[i] = embedding[i];
        x[embedding.length] = ruleInjection;
        x[embedding.length + 1] = ruleSafety;
        return x;
    }
}
