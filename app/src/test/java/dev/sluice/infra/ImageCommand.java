package dev.sluice.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Sluice image runs, read from infra/docker/Dockerfile: ENTRYPOINT and CMD (exec form)
 * and the ENV it sets. The boot tests start each service with exactly these words, except that
 * {@code -jar /opt/sluice/sluice-exec.jar} becomes this build's classpath and main class (the
 * jar is packaged after the tests run).
 */
record ImageCommand(List<String> entrypoint, List<String> cmd, Map<String, String> env) {
    static final String PATH = "infra/docker/Dockerfile";
    static final String MAIN_CLASS = "dev.sluice.app.SluiceMain";

    static ImageCommand load() {
        String file = Repo.read(PATH).replace("\\\n", " ");
        return new ImageCommand(execForm(file, "ENTRYPOINT"), execForm(file, "CMD"), env(file));
    }

    /** The command line, with the jar replaced by {@code -cp CLASSPATH MAIN}. */
    List<String> commandLine(String java, String classpath) {
        return commandLine(java, classpath, cmd);
    }

    /** With a service's {@code command:}, which replaces CMD as in compose and a pod's {@code args}. */
    List<String> commandLine(String java, String classpath, List<String> command) {
        List<String> out = new ArrayList<>();
        List<String> words = new ArrayList<>(entrypoint);
        words.addAll(command.isEmpty() ? cmd : command);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0 && w.equals("java")) {
                out.add(java);
            } else if (w.equals("-jar")) {
                out.addAll(List.of("-cp", classpath, MAIN_CLASS));
                i++;
            } else {
                out.add(w);
            }
        }
        return out;
    }

    private static List<String> execForm(String file, String instruction) {
        Matcher m = Pattern.compile("(?m)^" + instruction + "\\s+\\[(.*)]\\s*$").matcher(file);
        if (!m.find()) throw new AssertionError(PATH + " has no exec-form " + instruction);
        List<String> words = new ArrayList<>();
        Matcher w = Pattern.compile("\"([^\"]*)\"").matcher(m.group(1));
        while (w.find()) words.add(w.group(1));
        return words;
    }

    private static Map<String, String> env(String file) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^ENV\\s+(.*)$").matcher(file);
        while (m.find()) {
            Matcher kv = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(m.group(1));
            while (kv.find()) out.put(kv.group(1), kv.group(2).replaceAll("^\"|\"$", ""));
        }
        return out;
    }
}
