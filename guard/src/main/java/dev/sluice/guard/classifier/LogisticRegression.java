package dev.sluice.guard.classifier;

import java.util.Random;

/**
 * Binary logistic regression by full-batch gradient descent with Adam and L2, positives weighted
 * so both classes count equally. Deterministic: the only randomness is the seeded initial weights.
 * Small on purpose: 386 features and a few thousand rows train in about a second on one core.
 */
public final class LogisticRegression {
    private final double l2;
    private final int epochs;
    private final double rate;

    public LogisticRegression(double l2, int epochs, double rate) {
        this.l2 = l2;
        this.epochs = epochs;
        this.rate = rate;
    }

    /** Weights then bias (the last element). */
    public double[] fit(double[][] x, boolean[] y, long seed) {
        return fit(x, y, null, seed);
    }

    /**
     * As {@link #fit(double[][], boolean[], long)}, each row counting {@code rowWeight[i]} times in the
     * loss (null: once); the classes still count equally, by their summed weights.
     */
    public double[] fit(double[][] x, boolean[] y, double @org.jspecify.annotations.Nullable [] rowWeight, long seed) {
        int n = x.length;
        int d = x[0].length;
        int positives = 0;
        double total = 0;
        double positive = 0;
        for (int i = 0; i < n; i++) {
            double wi = rowWeight == null ? 1 : rowWeight[i];
            if (!(wi > 0)) throw new IllegalArgumentException("row weights must be positive, got " + wi);
            total += wi;
            if (y[i]) {
                positives++;
                positive += wi;
            }
        }
        if (positives == 0 || positives == n)
            throw new IllegalArgumentException(
                    "need both positive and negative examples, got " + positives + " of " + n);
        double wPos = 0.5 * total / positive;
        double wNeg = 0.5 * total / (total - positive);
        Random random = new Random(seed);
        double[] w = new double[d + 1];
        for (int j = 0; j < d; j++) w[j] = random.nextGaussian() * 0.01;
        double[] m = new double[d + 1];
        double[] v = new double[d + 1];
        double[] g = new double[d + 1];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            java.util.Arrays.fill(g, 0);
            for (int i = 0; i < n; i++) {
                double z = w[d];
                double[] xi = x[i];
                for (int j = 0; j < d; j++) z += w[j] * xi[j];
                double p = 1.0 / (1.0 + Math.exp(-z));
                double err = (p - (y[i] ? 1 : 0)) * (y[i] ? wPos : wNeg) * (rowWeight == null ? 1 : rowWeight[i]);
                for (int j = 0; j < d; j++) g[j] += err * xi[j];
                g[d] += err;
            }
            for (int j = 0; j <= d; j++) {
                g[j] = g[j] / total + (j < d ? l2 * w[j] : 0);
                m[j] = 0.9 * m[j] + 0.1 * g[j];
                v[j] = 0.999 * v[j] + 0.001 * g[j] * g[j];
                double mh = m[j] / (1 - Math.pow(0.9, epoch));
                double vh = v[j] / (1 - Math.pow(0.999, epoch));
                w[j] -= rate * mh / (Math.sqrt(vh) + 1e-8);
            }
        }
        return w;
    }
}
