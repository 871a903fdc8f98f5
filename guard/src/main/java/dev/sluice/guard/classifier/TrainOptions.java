package dev.sluice.guard.classifier;

import dev.sluice.guard.GuardConfig;
import java.nio.file.Path;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The arguments of {@code sluice guard train} ({@link TrainCommand}), with their defaults. {@link #parse} returns
 * null for {@code --help} (after printing the usage) and throws {@link IllegalArgumentException} for bad ones.
 */
record TrainOptions(
        Path data,
        Path target,
        long seed,
        double holdout,
        Budget budget,
        double hardNegatives,
        @Nullable Path cache,
        @Nullable Path misses) {
    /** How many times a benign edgy or trigger row counts in a head's loss by default (chosen 2026-12-08, guard/DATA.md). */
    static final double HARD_NEGATIVES = 3;
    /**
     * The blocking heads' flag tier by default: calibrated as if the block budget were this wide (overall, per
     * slice); 0 for none (chosen 2026-12-08, guard/DATA.md).
     */
    static final double TIER_FALSE_BLOCK = 0.01;

    static final double TIER_SLICE_BLOCK = 0.02;

    static final String USAGE =
            "usage: sluice guard train DATA.jsonl --out FILE [--seed 7] [--holdout 0.2] [--max-false-block 0.005]"
                    + " [--max-slice-block 0.01] [--max-false-flag 0.02] [--max-slice-flag 0.04] [--never-block short,ids]"
                    + " [--target-recall 0.95] [--hard-negatives " + HARD_NEGATIVES + "] [--flag-tier "
                    + TIER_FALSE_BLOCK
                    + "," + TIER_SLICE_BLOCK + " | --flag-tier 0] [--actions CATEGORY=block|flag|allow,...]"
                    + " [--embeddings CACHE] [--misses FILE]";

    static @Nullable TrainOptions parse(String[] args, java.io.PrintStream err) {
        Path data = null;
        Path target = null;
        long seed = 7;
        double holdout = 0.2;
        double maxFalseBlock = 0.005;
        double maxSliceBlock = 0.01;
        double maxFalseFlag = 0.02;
        double maxSliceFlag = 0.04;
        GuardConfig actions = GuardConfig.defaults();
        Set<String> neverBlock = Set.of("short", "ids");
        Path cache = null;
        Path misses = null;
        double targetRecall = 0.95;
        double hardNegatives = HARD_NEGATIVES;
        double tierFalseBlock = TIER_FALSE_BLOCK;
        double tierSliceBlock = TIER_SLICE_BLOCK;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> target = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--holdout" -> holdout = Double.parseDouble(args[++i]);
                case "--max-false-block" -> maxFalseBlock = Double.parseDouble(args[++i]);
                case "--max-slice-block" -> maxSliceBlock = Double.parseDouble(args[++i]);
                case "--max-false-flag" -> maxFalseFlag = Double.parseDouble(args[++i]);
                case "--max-slice-flag" -> maxSliceFlag = Double.parseDouble(args[++i]);
                case "--actions" -> actions = Budget.actions(actions, args[++i]);
                case "--never-block" -> neverBlock = Set.of(args[++i].split(","));
                case "--embeddings" -> cache = Path.of(args[++i]);
                case "--misses" -> misses = Path.of(args[++i]);
                case "--target-recall" -> targetRecall = Double.parseDouble(args[++i]);
                case "--hard-negatives" -> hardNegatives = Double.parseDouble(args[++i]);
                case "--flag-tier" -> {
                    String[] v = args[++i].split(",", 2);
                    tierFalseBlock = Double.parseDouble(v[0]);
                    tierSliceBlock = v.length > 1 ? Double.parseDouble(v[1]) : 2 * tierFalseBlock;
                }
                case "-h", "--help" -> {
                    err.println(USAGE);
                    return null;
                }
                default -> data = Path.of(args[i]);
            }
        }
        if (data == null || target == null) throw new IllegalArgumentException("need DATA.jsonl and --out FILE");
        if (!(holdout > 0 && holdout < 0.9)) throw new IllegalArgumentException("--holdout must be in (0, 0.9)");
        if (!(hardNegatives >= 1)) throw new IllegalArgumentException("--hard-negatives must be at least 1");
        if (tierFalseBlock != 0 && !(tierFalseBlock > maxFalseBlock && tierSliceBlock >= maxSliceBlock))
            throw new IllegalArgumentException(
                    "--flag-tier must be wider than --max-false-block / --max-slice-block (or 0 for none)");
        Budget budget = new Budget(
                maxFalseBlock,
                maxSliceBlock,
                maxFalseFlag,
                maxSliceFlag,
                neverBlock,
                targetRecall,
                actions,
                tierFalseBlock,
                tierSliceBlock);
        return new TrainOptions(data, target, seed, holdout, budget, hardNegatives, cache, misses);
    }
}
