package dev.sluice.guard;

import dev.sluice.guard.classifier.GuardModel;
import dev.sluice.guard.classifier.LearnedGuard;
import dev.sluice.guard.classifier.TrainCommand;
import dev.sluice.guard.pii.PiiVault;
import dev.sluice.schemas.serde.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code sluice guard FILE.jsonl}: runs the same pipeline as the topology over a file (or stdin,
 * "-"), one JSON object a line in and out. Lines that share a "conversation" (or
 * "conversation_id") share a vault, so placeholders stay consistent as they would in production.
 * Exit code 0 when every line was processed, 1 when some were malformed, 2 on bad usage.
 */
public final class GuardCli {
    private GuardCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("train")) {
            return TrainCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        String file = null;
        boolean rulesOnly = false;
        Path model = null;
        GuardConfig config = GuardConfig.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--flag-at" ->
                        config = config.withInjection(
                                Double.parseDouble(args[++i]), config.injectionBlockAt(), config.injectionAction());
                    case "--block-at" ->
                        config = config.withInjection(
                                config.injectionFlagAt(), Double.parseDouble(args[++i]), config.injectionAction());
                    case "--rules-only" -> rulesOnly = true;
                    case "--model" -> model = Path.of(args[++i]);
                    case "-h", "--help" -> {
                        err.println(
                                "usage: sluice guard [--flag-at 0.5] [--block-at 0.8] [--rules-only | --model HEADS.json] [FILE.jsonl|-]\n"
                                        + "       sluice guard train DATA.jsonl --out HEADS.json [--seed 7] [--holdout 0.2] [--max-false-block 0.02]");
                        return 0;
                    }
                    default -> file = args[i];
                }
            }
        } catch (RuntimeException e) {
            err.println("guard: bad arguments: " + e.getMessage());
            return 2;
        }
        LearnedGuard learned;
        try {
            learned =
                    rulesOnly ? null : LearnedGuard.load(model == null ? GuardModel.bundled() : GuardModel.read(model));
        } catch (RuntimeException e) {
            err.println(
                    "guard: cannot load the classifier heads: " + e.getMessage() + " (--rules-only runs without them)");
            return 2;
        }
        try (BufferedReader reader = open(file, in)) {
            return process(new GuardPipeline(config, learned), reader, out, err);
        } catch (IOException e) {
            err.println("guard: cannot read " + (file == null ? "stdin" : file) + ": " + e.getMessage());
            return 2;
        } finally {
            if (learned != null) learned.close();
        }
    }

    private static BufferedReader open(@Nullable String file, InputStream in) throws IOException {
        if (file == null || file.equals("-")) {
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    }

    private static int process(GuardPipeline pipeline, BufferedReader reader, PrintStream out, PrintStream err)
            throws IOException {
        Map<String, PiiVault> vaults = new HashMap<>();
        LabelSummary summary = new LabelSummary();
        int lineNo = 0;
        int bad = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JacksonException e) {
                err.println("guard: line " + lineNo + ": not valid JSON (" + e.getOriginalMessage() + "), skipped");
                bad++;
                continue;
            }
            if (!node.isObject() || !node.has("text") || !node.get("text").isString()) {
                err.println("guard: line " + lineNo + ": expected an object with a string \"text\", skipped");
                bad++;
                continue;
            }
            String conversation = node.has("conversation")
                    ? node.get("conversation").asString()
                    : node.has("conversation_id") ? node.get("conversation_id").asString() : null;
            PiiVault vault =
                    conversation == null ? new PiiVault() : vaults.computeIfAbsent(conversation, k -> new PiiVault());
            GuardVerdict verdict = pipeline.inspect(node.get("text").stringValue(), vault);
            out.println(oneLine(Json.MAPPER.writeValueAsString(toJson(node.get("id"), lineNo, verdict))));
            if (node.has("label") && !node.get("label").isNull()) {
                summary.add(node.get("label").asString(), verdict);
            }
        }
        out.flush();
        if (!summary.isEmpty()) {
            summary.print(err);
        }
        return bad == 0 ? 0 : 1;
    }

    /**
     * JSON allows raw U+2028/U+2029 inside strings, but many line readers (and JavaScript before
     * ES2019) split on them; escaped, every verdict stays one line.
     */
    static String oneLine(String json) {
        return json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }

    private static ObjectNode toJson(JsonNode id, int lineNo, GuardVerdict verdict) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (id == null || id.isNull()) {
            o.put("id", String.valueOf(lineNo));
        } else {
            o.set("id", id);
        }
        o.put("action", verdict.action().wire());
        ArrayNode reasons = o.putArray("reasons");
        for (Reason r : verdict.reasons()) {
            reasons.addObject()
                    .put("check", r.check())
                    .put("rule", r.rule())
                    .put("score", r.score())
                    .put("detail", r.detail());
        }
        o.put("masked", verdict.masked());
        ArrayNode entities = o.putArray("entities");
        for (Entity e : verdict.entities()) {
            entities.addObject()
                    .put("type", e.type())
                    .put("start", e.start())
                    .put("end", e.end())
                    .put("placeholder", e.placeholder());
        }
        return o;
    }
}
