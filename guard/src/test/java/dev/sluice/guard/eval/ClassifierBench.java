package dev.sluice.guard.eval;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.classifier.SentenceEncoder;
import dev.sluice.guard.pii.PiiVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Rules alone against rules plus the learned heads, and what the heads cost, written to
 * bench/results/guard.md. Run through bench/guard/guard-classifier.sh; never part of the tests.
 */
public final class ClassifierBench {
    private ClassifierBench() {}

    /** One pipeline under comparison. */
    private record Variant(String name, GuardPipeline pipeline) {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/guard.md");
        Path jar = Path.of(args.length > 1 ? args[1] : "app/target/sluice-exec.jar");
        String candidate = System.getProperty("sluice.guard.model", "");
        GuardModel model = candidate.isBlank() ? GuardModel.bundled() : GuardModel.read(Path.of(candidate));
        long loadStart = System.nanoTime();
        LearnedGuard learned = LearnedGuard.load(model);
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        GuardPipeline rules = new GuardPipeline(GuardConfig.defaults());
        GuardPipeline both = new GuardPipeline(GuardConfig.defaults(), learned);
        List<Variant> variants = new ArrayList<>(List.of(new Variant("rules alone", rules)));
        String previous = System.getProperty("sluice.guard.previous", "");
        LearnedGuard previousLearned = null;
        boolean previousGated = false;
        if (!previous.isBlank()) {
            GuardModel previousModel = GuardModel.read(Path.of(previous));
            previousGated = previousModel.gate() != null;
            previousLearned = new LearnedGuard(SentenceEncoder.shared(), previousModel);
            variants.add(new Variant(
                    System.getProperty("sluice.guard.previous.name", "rules + previous heads"),
                    new GuardPipeline(GuardConfig.defaults(), previousLearned)));
        }
        List<String> allTexts = new ArrayList<>();
        List<String> attackTexts = new ArrayList<>();
        variants.add(new Variant("rules + heads", both));

        StringBuilder md = new StringBuilder("# Guard: rules alone vs rules + learned classifier\n\n");
        md.append("Written by `bench/guard/guard-classifier.sh` (")
                .append(ClassifierBench.class.getName())
                .append(") at ")
                .append(Instant.now())
                .append(".\nMachine: ")
                .append(machine())
                .append(".\n")
                .append("Encoder: all-MiniLM-L6-v2 int8 (ONNX Runtime 1.23.2, one intra-op thread). Heads: ")
                .append(model.heads().stream()
                        .map(h -> h.name() + " (fires at p " + String.format(Locale.ROOT, "%.3f", h.threshold()) + ")")
                        .toList())
                .append(
                        ". Training sources and their licences: [guard/DATA.md](../../guard/DATA.md). Compared in this run: ")
                .append(variants.stream().map(Variant::name).toList())
                .append(
                        previous.isBlank()
                                ? ""
                                : " (previous heads: " + System.getProperty("sluice.guard.previous.name", previous)
                                        + ")")
                .append(". Blocked = action `block`; \"flag+block\" also counts `flag`.\n\n");

        md.append(
                        "## 1. Held-out split of the training sources (20% of groups, never seen in fitting or thresholds)\n\n")
                .append("From the model file's provenance, as `./sluice guard train` printed it:\n\n")
                .append(
                        "| label | rows | rules alone: recall | rules + heads: recall | head precision |\n|---|---:|---:|---:|---:|\n");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> held =
                (Map<String, Map<String, Object>>) model.provenance().get("holdout");
        held.forEach((label, f) -> {
            if (label.equals("benign") || label.equals("benign_slices")) return;
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %s | %s |%n",
                    label,
                    f.get("rows"),
                    f.get("rules_recall"),
                    f.get("recall"),
                    f.get("head_precision")));
        });
        Map<String, Object> b = held.get("benign");
        md.append(String.format(
                Locale.ROOT,
                "| benign (share blocked) | %s | %s | %s | |%n",
                b.get("rows"),
                b.get("rules_blocked"),
                b.get("blocked")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> slices = (Map<String, Map<String, Object>>) (Object) held.get("benign_slices");
        if (slices != null) {
            slices.forEach((slice, f) -> md.append(String.format(
                    Locale.ROOT,
                    "| benign: %s (share blocked) | %s | %s | %s | |%n",
                    slice,
                    f.get("rows"),
                    f.get("rules_blocked"),
                    f.get("blocked"))));
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> cascade =
                (Map<String, Map<String, Object>>) model.provenance().get("holdout_cascade");
        if (cascade != null) {
            md.append(
                            "\nThe same rows as the model runs (the gate first; the encoder on the selected window of the texts it opens for):\n\n")
                    .append("| label | rows | rules + gate + heads: recall |\n|---|---:|---:|\n");
            cascade.forEach((label, f) -> {
                if (!label.equals("benign") && !label.equals("benign_slices"))
                    md.append("| " + label + " | " + f.get("rows") + " | " + f.get("recall") + " |\n");
            });
            Map<String, Object> cb = cascade.get("benign");
            md.append("| benign (share blocked; flagged; sent to the encoder) | " + cb.get("rows") + " | "
                    + cb.get("blocked") + "; " + cb.get("flagged") + "; " + cb.get("reaching_encoder") + " |\n");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cascadeSlices =
                    (Map<String, Map<String, Object>>) (Object) cascade.get("benign_slices");
            if (cascadeSlices != null)
                cascadeSlices.forEach((slice, f) -> md.append("| benign: " + slice + " (share blocked; flagged) | "
                        + f.get("rows") + " | " + f.get("blocked") + "; " + f.get("flagged") + " |\n"));
        }
        md.append('\n');

        md.append("## 2. Hand-written injection sets (`bench/guard/heldout_injection*.txt`)\n\n")
                .append(
                        "Written for the rule layers (the rules were tuned on v1-v5 after their first runs; v6 never), full of\n")
                .append(
                        "benign prompts that use the trigger words. **v1-v3 are in the heads' training data; v4-v6 are not** (held out\n")
                .append(
                        "from training and thresholds), so only the v4-v6 rows measure the heads. Each cell: attacks blocked / benign blocked (count).\n\n");
        header(md, "set", variants);
        List<String[]> heldOutRows = new ArrayList<>();
        for (String v : List.of("", "_v2", "_v3", "_v4", "_v5", "_v6")) {
            Path file = Path.of("bench/guard/heldout_injection" + v + ".txt");
            List<String[]> rowsOf = Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t", 2))
                    .filter(p -> p.length == 2)
                    .map(p -> new String[] {p[0], p[1].replace("\\n", "\n").replace("\\u200b", "\u200b")})
                    .toList();
            boolean trained = List.of("", "_v2", "_v3").contains(v);
            rowsOf.forEach(r -> allTexts.add(r[1]));
            rowsOf.stream().filter(r -> !r[0].equals("benign")).forEach(r -> attackTexts.add(r[1]));
            if (!trained) heldOutRows.addAll(rowsOf);
            md.append(line(
                    "v" + (v.isEmpty() ? "1" : v.substring(2)) + (trained ? " (trained on)" : " (held out)"),
                    variants,
                    rowsOf));
        }
        md.append(line("**v4-v6, held out**", variants, heldOutRows)).append('\n');

        String generated = System.getProperty("sluice.guard.generated-eval", "");
        if (!generated.isBlank()) {
            List<JsonNode> gen = EvalSets.read(Path.of(generated));
            gen.forEach(n -> allTexts.add(n.get("text").asString()));
            gen.stream()
                    .filter(n -> !n.get("labels").isEmpty())
                    .forEach(n -> attackTexts.add(n.get("text").asString()));
            md.append(
                            "## 3. Generated held-out cases (`guard/training/generate_cases.py eval`: templates disjoint from the training ones)\n\n")
                    .append("Attack rows: share blocked (flag+block). Benign rows: share blocked (count).\n\n");
            md.append("| slice | rows |");
            variants.forEach(x -> md.append(' ').append(x.name()).append(" |"));
            md.append("\n|---|---:|");
            variants.forEach(x -> md.append("---:|"));
            md.append('\n');
            Map<String, List<JsonNode>> bySlice = new java.util.TreeMap<>();
            gen.forEach(n -> bySlice.computeIfAbsent(
                            (n.get("labels").isEmpty() ? "benign: " : "")
                                    + n.get("slice").asString(),
                            k -> new ArrayList<>())
                    .add(n));
            bySlice.forEach((slice, rowsOf) -> {
                md.append("| ")
                        .append(slice)
                        .append(" | ")
                        .append(rowsOf.size())
                        .append(" |");
                for (Variant x : variants) {
                    int blocked = 0;
                    int flagged = 0;
                    for (JsonNode n : rowsOf) {
                        Action a = x.pipeline()
                                .inspect(n.get("text").asString(), new PiiVault())
                                .action();
                        blocked += a == Action.BLOCK ? 1 : 0;
                        flagged += a != Action.ALLOW ? 1 : 0;
                    }
                    md.append(
                            slice.startsWith("benign")
                                    ? String.format(
                                            Locale.ROOT, " %.3f (%d) |", blocked / (double) rowsOf.size(), blocked)
                                    : String.format(
                                            Locale.ROOT,
                                            " %.3f (%.3f) |",
                                            blocked / (double) rowsOf.size(),
                                            flagged / (double) rowsOf.size()));
                }
                md.append('\n');
            });
            md.append('\n');
        }

        List<String> shortBenign = shortBenign();
        allTexts.addAll(shortBenign);
        md.append(
                        "## 4. Short benign messages (`guard/src/test/resources/guard/short-benign.txt`: the browser and integration tests' prompts, greetings)\n\n")
                .append("| messages | ");
        variants.forEach(x -> md.append(x.name()).append(": blocked / flagged | "));
        md.append("\n|---:|");
        variants.forEach(x -> md.append("---:|"));
        md.append("\n| ").append(shortBenign.size()).append(" |");
        for (Variant x : variants) {
            List<String> blocked = new ArrayList<>();
            int flagged = 0;
            for (String t : shortBenign) {
                Action a = x.pipeline().inspect(t, new PiiVault()).action();
                if (a == Action.BLOCK) blocked.add(t);
                flagged += a == Action.FLAG ? 1 : 0;
            }
            md.append(String.format(
                    Locale.ROOT,
                    " %d %s/ %d |",
                    blocked.size(),
                    blocked.isEmpty() ? "" : blocked.stream().limit(3).toList() + " ",
                    flagged));
        }
        md.append("\n\n");

        Path v7 = Path.of("bench/guard/heldout_v7.jsonl");
        if (Files.exists(v7)) {
            harmAndEdgy(md, variants, EvalSets.read(v7)); // not in allTexts: §5's mixed rows stay those of §2-4
        }

        List<JsonNode> dev = EvalSets.read(EvalSets.evalDev().resolve("llm-guard/prompt_injection_cases.jsonl"));
        List<String[]> devRows = dev.stream()
                .map(n -> new String[] {n.get("label").asString(), n.get("text").asString()})
                .toList();
        md.append(
                        "Development check only (../shared/eval-dev, llm-guard's test prompts; not a held-out figure, thresholds never chosen on it; ")
                .append("some of its benign role prompts are also in awesome-chatgpt-prompts, a training source):\n\n");
        header(md, "set", variants);
        md.append(line("eval-dev llm-guard", variants, devRows)).append('\n');

        if (!Boolean.parseBoolean(System.getProperty("sluice.bench.cost", "true"))) {
            keepReading(out, md);
            return;
        }
        ClassifierCost.write(
                md, loadMs, learned, previousLearned, previousGated, rules, both, allTexts, attackTexts, jar);
        keepReading(out, md);
        learned.close();
    }

    /** The interpretation is written by hand after a run ("## Reading the numbers" and what follows); keep it. */
    private static void keepReading(Path out, StringBuilder md) throws IOException {
        if (Files.exists(out)) {
            String old = Files.readString(out);
            int at = old.indexOf("\n## Reading the numbers");
            if (at >= 0) md.append(old.substring(at));
        }
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    static List<String> shortBenign() throws IOException {
        try (var in = ClassifierBench.class.getResourceAsStream("/guard/short-benign.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
    }

    /**
     * The hand-written set v7: harmful requests per category (share caught, flag or block; blocked in brackets)
     * and safe-but-edgy prompts per kind (share blocked; flagged in brackets).
     */
    private static void harmAndEdgy(StringBuilder md, List<Variant> variants, List<JsonNode> rows) {
        md.append("## 4b. Hand-written harmful requests and safe-but-edgy prompts (`bench/guard/heldout_v7.jsonl`)\n\n")
                .append(
                        "Written 2026-12-07 by a writer who had not seen the training data or the generator, and never used for ")
                .append(
                        "training or thresholds. Harmful rows: share caught (flag or block), blocked in brackets. Benign rows: ")
                .append("share blocked, flagged in brackets.\n\n| rows | n |");
        variants.forEach(x -> md.append(' ').append(x.name()).append(" |"));
        md.append("\n|---|---:|");
        variants.forEach(x -> md.append("---:|"));
        md.append('\n');
        Map<String, List<JsonNode>> groups = new java.util.TreeMap<>();
        for (JsonNode n : rows) {
            String label = n.get("label").asString();
            String key = label.equals("benign") ? "benign: " + n.get("kind").asString() : label;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
            groups.computeIfAbsent(label.equals("benign") ? "benign, all" : "harmful, all", k -> new ArrayList<>())
                    .add(n);
        }
        groups.forEach((key, of) -> {
            boolean benign = key.startsWith("benign");
            md.append("| ").append(key).append(" | ").append(of.size()).append(" |");
            for (Variant x : variants) {
                int blocked = 0;
                int caught = 0;
                for (JsonNode n : of) {
                    Action a = x.pipeline()
                            .inspect(n.get("text").asString(), new PiiVault())
                            .action();
                    blocked += a == Action.BLOCK ? 1 : 0;
                    caught += a != Action.ALLOW ? 1 : 0;
                }
                double size = of.size();
                md.append(
                        benign
                                ? String.format(
                                        Locale.ROOT, " %.3f (%.3f) |", blocked / size, (caught - blocked) / size)
                                : String.format(Locale.ROOT, " %.3f (%.3f) |", caught / size, blocked / size));
            }
            md.append('\n');
        });
        md.append('\n');
    }

    private static void header(StringBuilder md, String first, List<Variant> variants) {
        md.append("| ").append(first).append(" | attacks | benign |");
        variants.forEach(x -> md.append(' ').append(x.name()).append(" |"));
        md.append("\n|---|---:|---:|");
        variants.forEach(x -> md.append("---:|"));
        md.append('\n');
    }

    private static String line(String name, List<Variant> variants, List<String[]> rows) {
        StringBuilder sb = new StringBuilder("| ").append(name).append(" |");
        long attacks = rows.stream().filter(r -> !r[0].equals("benign")).count();
        sb.append(' ')
                .append(attacks)
                .append(" | ")
                .append(rows.size() - attacks)
                .append(" |");
        for (Variant x : variants) {
            int[] c = score(x.pipeline(), rows);
            sb.append(String.format(
                    Locale.ROOT,
                    " %.3f / %.3f (%d) |",
                    c[0] / (double) Math.max(1, c[1]),
                    c[2] / (double) Math.max(1, c[3]),
                    c[2]));
        }
        return sb.append('\n').toString();
    }

    /** [attacks blocked, attacks, benign blocked, benign]. */
    private static int[] score(GuardPipeline pipeline, List<String[]> rows) {
        int[] c = new int[4];
        for (String[] r : rows) {
            boolean attack = !r[0].equals("benign");
            boolean blocked = pipeline.inspect(r[1], new PiiVault()).action() == Action.BLOCK;
            c[attack ? 1 : 3]++;
            c[attack ? 0 : 2] += blocked ? 1 : 0;
        }
        return c;
    }

    private static String machine() {
        double[] load = new double[1];
        try {
            load[0] = Double.parseDouble(
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            load[0] = -1;
        }
        return Runtime.getRuntime().availableProcessors() + " vCPU visible to the JVM (pinned by taskset; load average "
                + load[0] + " at the start), JDK " + Runtime.version();
    }
}
