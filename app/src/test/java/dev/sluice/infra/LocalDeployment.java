package dev.sluice.infra;

import dev.sluice.schemas.net.LocalPorts;
import dev.sluice.schemas.net.PortReservation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs deployment services as local processes: the image's command line (ImageCommand) and ENV,
 * then the service's environment, with only what a single host makes unavoidable changed:
 * service host names become the loopback address of the local server ({@code kafka-1:9092} →
 * {@code 127.0.0.1:41234}), container paths become folders of this test (the data directory,
 * mounted files), and each process gets its own HTTP port (and management port, where the
 * service has one) instead of every one on 8080.
 */
final class LocalDeployment implements AutoCloseable {
    /** Where the image keeps data (Dockerfile WORKDIR and SLUICE_DATA_DIR). */
    static final String CONTAINER_DATA_DIR = "/var/lib/sluice";
    /**
     * Test-only JVM flags: the containers' memory limit would bound the heap (MaxRAMPercentage),
     * and several JVMs share two cores here, where C1 alone and one GC thread start faster.
     */
    private static final List<String> TEST_JVM_FLAGS =
            List.of("-Xmx640m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final ImageCommand image = ImageCommand.load();
    private final Map<String, String> hosts;
    private final Path dir;
    private final List<ServiceProcess> running = new ArrayList<>();
    private final List<PortReservation> reservations = new ArrayList<>();

    LocalDeployment(Map<String, String> hosts, Path dir) {
        this.hosts = hosts;
        this.dir = dir;
    }

    /**
     * @param env    the service's environment as the container would see it
     * @param mounts container path → file or folder on this host
     */
    ServiceProcess start(String name, Map<String, String> env, Map<String, Path> mounts) {
        return start(name, List.of(), env, mounts);
    }

    /** @param command the service's {@code command:} (replaces the image's CMD); empty: the image's */
    ServiceProcess start(String name, List<String> command, Map<String, String> env, Map<String, Path> mounts) {
        return start(name, command, env, mounts, hosts);
    }

    /**
     * @param reachable the host mapping this service gets: a {@code host:port} left out stays a
     *                  name that does not resolve here, as a destination its network policy blocks
     */
    ServiceProcess start(
            String name,
            List<String> command,
            Map<String, String> env,
            Map<String, Path> mounts,
            Map<String, String> reachable) {
        Path serviceDir = dir.resolve(name);
        Map<String, Path> paths = new LinkedHashMap<>(mounts);
        paths.putIfAbsent(CONTAINER_DATA_DIR, serviceDir.resolve("data"));
        // Reserved outside the ephemeral range and held until close (the service binds it itself).
        PortReservation reserved = LocalPorts.reserve();
        reservations.add(reserved);
        int port = reserved.port();
        Map<String, String> processEnv = new LinkedHashMap<>();
        image.env().forEach((k, v) -> processEnv.put(k, map(v, paths, reachable)));
        env.forEach((k, v) -> processEnv.put(k, map(v, paths, reachable)));
        processEnv.put("SERVER_PORT", String.valueOf(port));
        int managementPort = port;
        if (processEnv.containsKey("MANAGEMENT_SERVER_PORT")) {
            PortReservation management = LocalPorts.reserve();
            reservations.add(management);
            managementPort = management.port();
            processEnv.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        }
        List<String> commandLine = new ArrayList<>();
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String word : image.commandLine(java, System.getProperty("java.class.path"), command))
            commandLine.add(map(word, paths, reachable));
        commandLine.addAll(1, TEST_JVM_FLAGS);
        ServiceProcess process = ServiceProcess.start(name, commandLine, processEnv, port, managementPort, serviceDir);
        running.add(process);
        return process;
    }

    /** One value with host names and container paths replaced. */
    String map(String value, Map<String, Path> paths) {
        return map(value, paths, hosts);
    }

    private static String map(String value, Map<String, Path> paths, Map<String, String> hosts) {
        String out = value;
        for (Map.Entry<String, String> h : hosts.entrySet()) {
            out = out.replaceAll(
                    "(?<![\\w.-])" + Pattern.quote(h.getKey()) + "(?![\\w])", Matcher.quoteReplacement(h.getValue()));
        }
        List<String> prefixes = paths.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (String prefix : prefixes) {
            Matcher m = Pattern.compile("(?<=^|[=\\s])" + Pattern.quote(prefix) + "(?=$|/|\\s)")
                    .matcher(out);
            out = m.replaceAll(Matcher.quoteReplacement(paths.get(prefix).toString()));
        }
        return out;
    }

    /** Stops every process started so far (in reverse order). */
    void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
        running.clear();
        reservations.forEach(PortReservation::close);
        reservations.clear();
    }

    @Override
    public void close() {
        stopAll();
    }
}
