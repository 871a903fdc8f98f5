package dev.sluice.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table (and the tables of the docs it links from there) against the
 * settings the code binds ({@link SettingsMetadata}): a setting added to a record without a row
 * fails here, and so do a row naming no setting and a default that differs from the record's.
 *
 * <p>A table is one whose header starts {@code | property | default |}. Its first cell names one
 * or more settings in backticks, later ones relative to the first ({@code `sluice.kafka.username`,
 * `.password`}); {@code <category>} stands for a map key and a {@code *} row is prose. Its default
 * cell holds one value per named setting (comma-separated) or one for all; a value may be followed by
 * an explanation ({@code `1MB` (1 MiB)}, {@code `127.0.0.1:9092`; dev: embedded}). A setting whose
 * record has no default (or a blank one) may say anything there.
 */
class ConfigurationTableTest {
    private static final Pattern NAME = Pattern.compile("`(\\.?[a-z0-9][a-z0-9.<>*-]*)`");
    private static final Pattern SECTION_LINK = Pattern.compile("\\]\\((docs/[a-z0-9-]+\\.md)[#)]");

    private final Map<String, SettingsMetadata.Property> settings = new SettingsMetadata().properties();

    record Row(String file, int line, String name, String defaultCell) {
        @Override
        public String toString() {
            return file + ":" + line + " " + name;
        }
    }

    @Test
    void theMetadataHoldsEverySettingsModule() {
        assertThat(settings)
                .as("sluice.* settings in the configuration metadata")
                .containsKeys(
                        "sluice.kafka.bootstrap",
                        "sluice.guard.output",
                        "sluice.context.ttl",
                        "sluice.engine.slots",
                        "sluice.bridge.heartbeat",
                        "sluice.gateway.max-messages",
                        "sluice.cdc.enabled",
                        "sluice.roles",
                        "sluice.db.url");
    }

    @Test
    void everySettingHasADescription() {
        List<String> undescribed = settings.values().stream()
                .filter(p -> p.description() == null || p.description().isBlank())
                .map(SettingsMetadata.Property::name)
                .toList();
        assertThat(undescribed)
                .as("settings whose record component has no @param javadoc")
                .isEmpty();
    }

    @Test
    void everySettingHasARowWithItsDefault() {
        List<Row> rows = rows();
        List<String> problems = new ArrayList<>();
        for (SettingsMetadata.Property p : settings.values()) {
            List<Row> documented =
                    rows.stream().filter(r -> r.name().equals(p.name())).toList();
            if (documented.isEmpty()) {
                problems.add(p.name() + ": no row in README.md's configuration table"
                        + (p.defaultValue() == null ? "" : " (default " + p.defaultValue() + ")"));
            }
            for (Row r : documented) {
                if (!sameDefault(r.defaultCell(), p.defaultValue())) {
                    problems.add(r + ": the table says '" + r.defaultCell() + "', the record's default is '"
                            + p.defaultValue() + "'");
                }
            }
        }
        assertThat(problems)
                .as("settings the README (or a doc it links) leaves out or gives another default")
                .isEmpty();
    }

    @Test
    void everyRowNamesASetting() {
        List<String> unknown = rows().stream()
                .filter(r -> !settings.containsKey(r.name()))
                .map(Row::toString)
                .toList();
        assertThat(unknown).as("rows naming a setting that no record binds").isEmpty();
    }

    @Test
    void aRowGivesEachOfItsSettingsItsOwnDefault() {
        List<Row> rows = parse("example.md", """
                | property | default | meaning |
                |---|---|---|
                | `sluice.kafka.username`, `.password` | — (required with SASL) | user |
                | `sluice.engine.first-token-timeout`, `.idle-timeout` | 30s, `10s` | limits |
                | `sluice.guard.safety.<category>` | see below | per category |
                | `sluice.engine.*` (all) | see `EngineSettings` | prose |
                | `server.port` | 8080 | not ours |
                """);

        assertThat(rows)
                .extracting(Row::name, Row::defaultCell)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sluice.kafka.username", "— (required with SASL)"),
                        org.assertj.core.groups.Tuple.tuple("sluice.kafka.password", "— (required with SASL)"),
                        org.assertj.core.groups.Tuple.tuple("sluice.engine.first-token-timeout", "30s"),
                        org.assertj.core.groups.Tuple.tuple("sluice.engine.idle-timeout", "10s"),
                        org.assertj.core.groups.Tuple.tuple("sluice.guard.safety", "see below"));
        assertThat(sameDefault("1MB (1 MiB)", "1MB")).isTrue();
        assertThat(sameDefault("127.0.0.1:9092; dev: embedded", "127.0.0.1:9092"))
                .isTrue();
        assertThat(sameDefault("10s", "1s")).isFalse();
        assertThat(sameDefault("anything", "")).isTrue();
    }

    /** The README's table and the tables of the docs its configuration section links to. */
    private static List<Row> rows() {
        String readme = Repo.read("README.md");
        int start = readme.indexOf("\n## Configuration");
        assertThat(start).as("README.md has a ## Configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<Row> rows = new ArrayList<>(parse("README.md", readme));
        Set<String> linked = new LinkedHashSet<>();
        Matcher link = SECTION_LINK.matcher(section);
        while (link.find()) linked.add(link.group(1));
        for (String doc : linked) rows.addAll(parse(doc, Repo.read(doc)));
        return rows;
    }

    static List<Row> parse(String file, String markdown) {
        List<Row> rows = new ArrayList<>();
        boolean inTable = false;
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            List<String> cells = cells(line);
            if (cells.size() >= 2
                    && cells.get(0).equals("property")
                    && cells.get(1).equals("default")) {
                inTable = true;
                continue;
            }
            if (!inTable || cells.size() < 2 || cells.get(0).startsWith("---")) continue;
            List<String> names = names(cells.get(0));
            String[] defaults = cells.get(1).split(",\\s+");
            for (int n = 0; n < names.size(); n++) {
                String defaultCell = defaults.length == names.size() ? defaults[n] : cells.get(1);
                rows.add(new Row(
                        file, i + 1, names.get(n), defaultCell.replace("`", "").strip()));
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return java.util.Arrays.stream(inner.split("\\|", -1))
                .map(String::strip)
                .toList();
    }

    /** The settings a first cell names: {@code sluice.*} in backticks, {@code .suffix} relative to the first one's parent. */
    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        String parent = null;
        Matcher m = NAME.matcher(cell);
        while (m.find()) {
            String token = m.group(1);
            if (token.contains("*")) return List.of();
            String name;
            if (token.startsWith(".")) {
                if (parent == null) continue;
                name = parent + token;
            } else if (token.startsWith("sluice.")) {
                name = token;
                parent = token.substring(0, token.lastIndexOf('.'));
            } else {
                continue;
            }
            names.add(name.replaceAll("\\.<[a-z-]+>$", ""));
        }
        return names;
    }

    /** The cell starts with the record's default (then ends, or goes on with an explanation); a setting without one may say anything. */
    static boolean sameDefault(String cell, @Nullable String recordDefault) {
        if (recordDefault == null || recordDefault.isBlank()) return true;
        String c = cell.toLowerCase(Locale.ROOT);
        String d = recordDefault.toLowerCase(Locale.ROOT);
        return c.equals(d)
                || c.startsWith(d) && !Character.isLetterOrDigit(c.charAt(d.length())) && c.charAt(d.length()) != '.';
    }
}
