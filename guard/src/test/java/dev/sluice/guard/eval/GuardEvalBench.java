package dev.sluice.guard.eval;

import dev.sluice.guard.Action;
import dev.sluice.guard.GuardConfig;
import dev.sluice.guard.GuardPipeline;
import dev.sluice.guard.pii.PiiTypes;
import dev.sluice.guard.pii.PiiVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Measures the guard pipeline on every labelled set and its per-prompt latency, and writes
 * bench/results/guard-eval.md. Run through bench/guard/guard-eval.sh; never part of the tests.
 */
public final class GuardEvalBench {
    private static final List<String> STRUCTURED = List.of(
            PiiTypes.EMAIL, PiiTypes.PHONE, PiiTypes.CREDIT_CARD, PiiTypes.IBAN, PiiTypes.US_SSN, PiiTypes.IP_ADDRESS);

    private GuardEvalBench() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/guard-eval.md");
        GuardPipeline pipeline = new GuardPipeline(GuardConfig.defaults());
        StringBuilder md = new StringBuilder();
        md.append("# Guard pipeline evaluation\n\n")
                .append("Written by `bench/guard/guard-eval.sh` (")
                .append(GuardEvalBench.class.getName())
                .append(") at ")
                .append(Instant.now())
                .append(".\nMachine: ")
                .append(machine())
                .append(".\n")
                .append(
                        "Targets (issue 7): structured PII recall >= 0.95 and precision >= 0.90; injection recall >= 0.90 with <= 5% false positives on benign prompts.\n\n");

        List<JsonNode> devInj = EvalSets.read(EvalSets.evalDev().resolve("llm-guard/prompt_injection_cases.jsonl"));
        List<JsonNode> genInj = EvalSets.read(EvalSets.benchEval().resolve("injection-generated.jsonl"));
        md.append(
                "## Prompt injection\n\n| set | n | recall | precision | false-positive rate on benign | target met |\n|---|---|---|---|---|---|\n");
        injectionRow(
                md,
                "eval-dev llm-guard prompt_injection_cases (49 attacks, 11 benign)",
                devInj,
                EvalSets.injection(pipeline, devInj));
        injectionRow(
                md,
                "generated injection-generated.jsonl (600 attacks, 600 benign)",
                genInj,
                EvalSets.injection(pipeline, genInj));
        for (String v : List.of("", "-v2", "-v3", "-v4", "-v5", "-v6")) {
            List<JsonNode> held = EvalSets.read(EvalSets.benchEval().resolve("injection-heldout" + v + ".jsonl"));
            injectionRow(
                    md,
                    "hand-written held-out" + (v.isEmpty() ? "-v1" : v)
                            + (v.equals("-v6") ? " (never tuned on)" : " (now, after its misses were studied)"),
                    held,
                    EvalSets.injection(pipeline, held));
        }
        md.append("""

                **How well the rules generalize.** The generated set is circular (one person wrote its templates and the rules),
                so six hand-written sets were each scored ONCE, on their first run, before any rule was changed because of them.
                Those first-run numbers are the honest estimate for unseen phrasings; the rows above show each set after its
                misses were studied, which is no longer a held-out measurement:

                | set (attacks / benign) | first-run recall | first-run false-positive rate | rules at that point |
                |---|---|---|---|
                | held-out v1 (50 / 50) | 0.700 | 0.020 (1 of 50) | phrase rules tuned on eval-dev and the generated set |
                | held-out v2 (50 / 50) | 0.520 | 0.020 (1 of 50) | + authority claims, suspended policies, vocative commands |
                | held-out v3 (30 / 40) | 0.500 | 0.025 (1 of 40) | + postposed sources ("the instructions you received") |
                | held-out v4 (40 / 60) | 0.400 | 0.000 (0 of 60) | + concept layer (controls x dismissal / reveal / authority) |
                | held-out v5 (40 / 60) | 0.700 | 0.000 (0 of 60) | + wider concept vocabulary, adjacent-sentence referents |
                | held-out v6 (40 / 60) | 0.675 | 0.000 (0 of 60) | the committed rules (nothing changed after this run) |

                Reading: precision on benign prompts holds (<= 2.5% false positives on every first run), but recall on
                genuinely new paraphrases is 0.4-0.7 (0.675 for the committed rules, v6), below the 0.90 target. Regex rules and a concept lexicon catch the
                families they were written for; open-ended paraphrase needs the model-based detector that
                `InjectionClassifier` leaves room for.

                """);
        md.append(
                "\nGenerated set, recall per attack family and false positives per benign family:\n\n| family | label | n | detected |\n|---|---|---|---|\n");
        perFamily(md, pipeline, genInj);

        List<JsonNode> presidio = EvalSets.read(EvalSets.evalDev().resolve("presidio/recognizer_test_cases.jsonl"));
        List<JsonNode> genPii = EvalSets.read(EvalSets.benchEval().resolve("pii-generated.jsonl"));
        List<JsonNode> anon = EvalSets.read(EvalSets.evalDev().resolve("llm-guard/anonymize_cases.jsonl"));
        md.append("\n## PII (span level: a predicted entity of the right type overlapping an expected span)\n\n");
        piiTable(
                md,
                "eval-dev presidio recognizer_test_cases (rows of the supported types only)",
                EvalSets.presidio(pipeline, presidio),
                List.of(
                        PiiTypes.EMAIL,
                        PiiTypes.PHONE,
                        PiiTypes.CREDIT_CARD,
                        PiiTypes.IBAN,
                        PiiTypes.US_SSN,
                        PiiTypes.IP_ADDRESS,
                        PiiTypes.MAC_ADDRESS));
        piiTable(
                md,
                "generated pii-generated.jsonl (900 texts with entities, 600 look-alikes)",
                EvalSets.generatedPii(pipeline, genPii),
                STRUCTURED);
        EvalSets.Counts a = EvalSets.anonymize(pipeline, anon);
        md.append(String.format(
                Locale.ROOT,
                "eval-dev llm-guard anonymize_cases, text level (has_pii when anything is masked): n=%d, recall %.3f, precision %.3f.%n%n",
                anon.size(),
                a.recall(),
                a.precision()));
        lookalikes(md, pipeline, genPii);

        md.append(
                "## Latency of `GuardPipeline.inspect` (single thread, warm JIT)\n\n"
                        + "All calls timed individually. The VM is shared (load average well above its 2 cores during runs), so tails include "
                        + "time the thread spent descheduled; the last two columns take, per prompt, the fastest of the rounds, which filters "
                        + "that noise out.\n\n| input | calls | p50 ms | p99 ms | p99.9 ms | mean ms | per-prompt-min p50 ms | per-prompt-min p99 ms |\n|---|---|---|---|---|---|---|---|\n");
        latency(md, pipeline, "benign prompts of the generated set", texts(genInj, "benign"));
        latency(md, pipeline, "attack prompts of the generated set", texts(genInj, "injection"));
        latency(md, pipeline, "generated PII texts", texts(genPii, null));
        StringBuilder big = new StringBuilder();
        while (big.length() < 100_000) {
            big.append("Order 12345 shipped to 192.168.0.1 for bob@example.com; please ignore the delay. ");
        }
        latency(md, pipeline, "one 100 KB text (worst case, not a budget case)", List.of(big.toString()));
        md.append("\nBudget: the whole topology hop should stay at p50 <= 2 ms; the pipeline is one part of it.\n");
        md.append("""

                ## Scope and known gaps

                - Person names and street addresses are NOT masked: without a real NER model they cannot be found reliably,
                  and guessing would produce exactly the "plain words masked as names" false positives the issue warns about.
                  Looked for on Maven Central (the registry this machine reaches) on 2026-12-06, for a NER model that runs on
                  the ONNX Runtime the guard already carries: `org.apache.opennlp:opennlp-dl` 2.4.0 runs ONNX token-classification
                  models (NameFinderDL) but ships none; no `opennlp-models-*` NER artifact resolves (the published OpenNLP models
                  are sentence, token, POS, lemma and language models); Stanford CoreNLP 4.5.10 ships English NER, but as CRF
                  models in a 474 MB `models` jar (over the 300 MB jar limit on its own) under GPL-3.0, not ONNX; the langchain4j
                  packages the guard's encoder comes from are sentence encoders only. None is usable, so names and places stay
                  unmasked; an operator who needs them can put a NER service in front of the gateway.
                - Plain URLs are not PII here (presidio counts them); only URLs that carry credentials are masked.
                - Nine bare digits count as a US SSN only after a cue word ("SSN", "social security"); presidio's bare
                  "078051121" row is therefore a miss by design. Delimited forms need no cue.
                - Phone numbers without a leading +, brackets or separators need a cue word; libphonenumber runs with POSSIBLE
                  leniency over the configured default regions (US, GB, DE, FR, IN, BR, CN, JP, IL, AU).
                - Presidio's three PHONE "false positives" come from rows that list the same text twice with different expected
                  counts; they are not fixable without contradicting the other row.
                - Injection: see the first-run table above; recall on new paraphrases is the weak spot.
                - The 100 KB row is a worst case built to hit many rules ("ignore the" every 86 chars); typical long pastes are faster.
                """);

        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println(md);
    }

    private static void injectionRow(StringBuilder md, String name, List<JsonNode> rows, EvalSets.Counts c) {
        boolean met = c.recall() >= 0.90 && c.falsePositiveRate() <= 0.05;
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.3f (%d of %d) | %s |%n",
                name,
                rows.size(),
                c.recall(),
                c.precision(),
                c.falsePositiveRate(),
                c.fp(),
                c.fp() + c.tn(),
                met ? "yes" : "NO"));
    }

    private static void perFamily(StringBuilder md, GuardPipeline pipeline, List<JsonNode> rows) {
        Map<String, int[]> fam = new TreeMap<>();
        for (JsonNode r : rows) {
            String key = r.get("family").asString() + "|" + r.get("label").asString();
            boolean hit =
                    pipeline.inspect(r.get("text").asString(), new PiiVault()).action() != Action.ALLOW;
            int[] c = fam.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            c[1] += hit ? 1 : 0;
        }
        fam.forEach((k, c) -> md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d (%.1f%%) |%n",
                k.split("\\|")[0],
                k.split("\\|")[1],
                c[0],
                c[1],
                100.0 * c[1] / c[0])));
    }

    private static void piiTable(
            StringBuilder md, String name, Map<String, EvalSets.Counts> perType, List<String> types) {
        md.append("**")
                .append(name)
                .append(
                        "**\n\n| type | expected | found | false positives | recall | precision | target met |\n|---|---|---|---|---|---|---|\n");
        for (String t : types) {
            EvalSets.Counts c = perType.getOrDefault(t, new EvalSets.Counts(0, 0, 0, 0));
            row(md, t, c);
        }
        EvalSets.Counts all = EvalSets.total(perType, STRUCTURED);
        row(md, "all structured (email, phone, card, IBAN, SSN, IP)", all);
        md.append('\n');
    }

    private static void row(StringBuilder md, String t, EvalSets.Counts c) {
        boolean met = c.recall() >= 0.95 && c.precision() >= 0.90;
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %d | %d | %.3f | %.3f | %s |%n",
                t,
                c.tp() + c.fn(),
                c.tp(),
                c.fp(),
                c.recall(),
                c.precision(),
                c.tp() + c.fn() == 0 ? "n/a" : met ? "yes" : "NO"));
    }

    private static void lookalikes(StringBuilder md, GuardPipeline pipeline, List<JsonNode> rows) {
        Map<String, int[]> by = new TreeMap<>();
        for (JsonNode r : rows) {
            if (!r.get("label").asString().equals("no_pii")) {
                continue;
            }
            boolean masked = !pipeline.inspect(r.get("text").asString(), new PiiVault())
                    .entities()
                    .isEmpty();
            int[] c = by.computeIfAbsent(r.get("lookalike_of").asString(), k -> new int[2]);
            c[0]++;
            c[1] += masked ? 0 : 1;
        }
        md.append(
                "Look-alikes in the generated set left unmasked (checksum failures, years, prices, order ids, versions, dates, times, hashes):\n\n| look-alike of | n | left alone |\n|---|---|---|\n");
        by.forEach((k, c) -> md.append(String.format(Locale.ROOT, "| %s | %d | %d |%n", k, c[0], c[1])));
        md.append('\n');
    }

    private static List<String> texts(List<JsonNode> rows, String label) {
        List<String> t = new ArrayList<>();
        for (JsonNode r : rows) {
            if (label == null || r.get("label").asString().equals(label)) {
                t.add(r.get("text").asString());
            }
        }
        return t;
    }

    private static void latency(StringBuilder md, GuardPipeline pipeline, String name, List<String> texts) {
        int rounds = texts.size() == 1 ? 5 : 10;
        for (int w = 0; w < 3; w++) {
            for (String t : texts) {
                pipeline.inspect(t, new PiiVault());
            }
        }
        long[] ns = new long[texts.size() * rounds];
        long[] best = new long[texts.size()];
        Arrays.fill(best, Long.MAX_VALUE);
        int k = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < texts.size(); i++) {
                long s = System.nanoTime();
                pipeline.inspect(texts.get(i), new PiiVault());
                long d = System.nanoTime() - s;
                ns[k++] = d;
                best[i] = Math.min(best[i], d);
            }
        }
        Arrays.sort(ns);
        Arrays.sort(best);
        double mean = Arrays.stream(ns).average().orElse(0) / 1e6;
        md.append(String.format(
                Locale.ROOT,
                "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                name,
                ns.length,
                ns[ns.length / 2] / 1e6,
                ns[Math.min(ns.length - 1, (int) (ns.length * 0.99))] / 1e6,
                ns[Math.min(ns.length - 1, (int) (ns.length * 0.999))] / 1e6,
                mean,
                best[best.length / 2] / 1e6,
                best[Math.min(best.length - 1, (int) (best.length * 0.99))] / 1e6));
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " CPUs visible to the JVM, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + ", Java " + Runtime.version();
    }
}
