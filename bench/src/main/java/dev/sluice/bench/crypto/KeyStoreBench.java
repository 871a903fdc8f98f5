package dev.sluice.bench.crypto;

import dev.sluice.persistence.testing.EmbeddedPostgresServer;
import dev.sluice.schemas.crypto.ContentScope;
import dev.sluice.schemas.crypto.DataKeyCipher;
import dev.sluice.schemas.crypto.JdbcDataKeyStore;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the per-conversation data key costs PostgreSQL (issue 16's "≤ 3 % of the pipeline"): a new
 * chat's key insert and a role's key lookup, each one statement per call (before) against group
 * commit and per-poll prefetch (after), in the same run on the same database. PostgreSQL as in
 * dev: fsync and synchronous_commit on, logical WAL with the audit stream (Debezium) reading it,
 * so each transaction also costs its decoding. Client threads run closed loops (each asks for the
 * next key as soon as it has the last): 1 thread is a quiet gateway, 16 and 64 a busy one. The
 * paced rows make one call every 20 ms, as a pipeline at tens of new chats a second does: there a
 * call pays for waking PostgreSQL and runs on cold caches. Every row also reports the calling
 * threads' own CPU per key.
 * Usage: {@code KeyStoreBench <results.md> [seconds per cell]}; appends one section.
 */
public final class KeyStoreBench {
    private static final int[] THREADS = {1, 4, 16, 64};
    private static final java.lang.management.ThreadMXBean THREAD_CPU =
            java.lang.management.ManagementFactory.getThreadMXBean();

    /** Calls a second in the paced rows: about what the pipeline benchmark's 40-70 req/s of new chats ask for. */
    private static final int PACED = 50;

    /** PostgreSQL's CPU per second with no calls, measured before the paced rows. */
    private static double idlePgUsPerSecond;

    record Cell(
            String what,
            String mode,
            int threads,
            double perSecond,
            double pgUsPerKey,
            double clientUsPerKey,
            double p50Ms,
            double p99Ms) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/crypto-keys.md");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        String loadBefore = CryptoBench.loadAverage();
        List<Cell> cells = new ArrayList<>();
        try (AuditedDatabase db = new AuditedDatabase(Map.of("synchronous_commit", "on", "fsync", "on"))) {
            EmbeddedPostgresServer postgres = db.postgres;
            LocalKeyProvider master = new LocalKeyProvider(new byte[32]);
            ConcurrentLinkedQueue<UUID> created = new ConcurrentLinkedQueue<>();
            // Warm-up of both paths (JIT, connections, plans).
            create(postgres, master, false, 4, 2, 0, created);
            create(postgres, master, true, 4, 2, 0, created);
            // PostgreSQL's own background work (WAL writer, checkpointer, the walsender's keepalives to
            // Debezium, statistics): at 50 calls a second it is most of what /proc shows, so the paced
            // rows report the CPU above it.
            long idle0 = postgresCpuTicks();
            long idleT0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            idlePgUsPerSecond = ticksToMicros(postgresCpuTicks() - idle0) / ((System.nanoTime() - idleT0) / 1e9);
            System.out.printf("PostgreSQL idle: %.0f µs of CPU per second%n", idlePgUsPerSecond);
            // Paced: one call every 20 ms, the way a pipeline at tens of new chats a second calls.
            for (boolean grouped : new boolean[] {false, true}) {
                Cell c = create(postgres, master, grouped, 1, seconds, PACED, created);
                cells.add(c);
                System.out.println(c);
            }
            for (int threads : THREADS) {
                for (boolean grouped : new boolean[] {false, true}) {
                    Cell c = create(postgres, master, grouped, threads, seconds, 0, created);
                    cells.add(c);
                    System.out.println(c);
                }
            }
            List<UUID> ids = new ArrayList<>(created);
            cells.add(lookup(postgres, ids, 1, seconds, PACED));
            System.out.println(cells.getLast());
            for (int poll : new int[] {1, 8, 64}) {
                Cell c = lookup(postgres, ids, poll, seconds, 0);
                cells.add(c);
                System.out.println(c);
            }
        }
        write(out, cells, seconds, loadBefore, CryptoBench.loadAverage());
        System.out.println("wrote " + out);
        System.exit(0);
    }

    /** Closed loops of new chats: each thread asks for a fresh conversation's key, as a gateway's request threads do. */
    private static Cell create(
            EmbeddedPostgresServer postgres,
            LocalKeyProvider master,
            boolean grouped,
            int threads,
            int seconds,
            int paced,
            ConcurrentLinkedQueue<UUID> created)
            throws Exception {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource(), grouped);
        DataKeyCipher cipher = new DataKeyCipher(store, master, Duration.ofMinutes(2));
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.LongAdder clientCpu = new java.util.concurrent.atomic.LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long pg0 = postgresCpuTicks();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                List<Long> mine = new ArrayList<>();
                long next = System.nanoTime();
                try {
                    while (!stop.get()) {
                        if (paced > 0) {
                            next += 1_000_000_000L / paced;
                            java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
                        }
                        String conversation = "bench-" + UUID.randomUUID();
                        long s = System.nanoTime();
                        long cpu = THREAD_CPU.getCurrentThreadCpuTime();
                        cipher.require(new ContentScope("user-" + (conversation.hashCode() & 1023), conversation));
                        clientCpu.add(THREAD_CPU.getCurrentThreadCpuTime() - cpu);
                        mine.add(System.nanoTime() - s);
                    }
                } finally {
                    latencies.add(mine.stream().mapToLong(Long::longValue).toArray());
                    done.countDown();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        long t1 = System.nanoTime();
        long pg1 = postgresCpuTicks();
        pool.shutdown();
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        // Every key this cell made, for the lookups after.
        try (var c = postgres.dataSource().getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT id FROM data_keys ORDER BY created_at DESC LIMIT " + all.length)) {
            while (rs.next()) created.add(rs.getObject(1, UUID.class));
        }
        return new Cell(
                "create",
                (grouped ? "group commit" : "one statement per call") + (paced > 0 ? ", paced " + paced + "/s" : ""),
                threads,
                all.length / ((t1 - t0) / 1e9),
                pgPerKey(pg1 - pg0, t1 - t0, all.length, paced),
                clientCpu.sum() / 1e3 / Math.max(1, all.length),
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6);
    }

    /** A role opening a poll's records of new conversations: one lookup per key, or one per poll of {@code poll}. */
    private static Cell lookup(EmbeddedPostgresServer postgres, List<UUID> ids, int poll, int seconds, int paced)
            throws Exception {
        JdbcDataKeyStore store = new JdbcDataKeyStore(postgres.dataSource(), false);
        List<Long> latencies = new ArrayList<>();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long pg0 = postgresCpuTicks();
        long t0 = System.nanoTime();
        int at = 0;
        long keys = 0;
        long clientCpu = 0;
        long next = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (paced > 0) {
                next += 1_000_000_000L / paced;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
            List<UUID> batch = new ArrayList<>(poll);
            for (int i = 0; i < poll; i++) batch.add(ids.get((at++) % ids.size()));
            long s = System.nanoTime();
            long cpu = THREAD_CPU.getCurrentThreadCpuTime();
            if (poll == 1) store.find(batch.getFirst());
            else store.findAll(batch);
            clientCpu += THREAD_CPU.getCurrentThreadCpuTime() - cpu;
            latencies.add(System.nanoTime() - s);
            keys += poll;
        }
        long t1 = System.nanoTime();
        long pg1 = postgresCpuTicks();
        long[] all = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Cell(
                "lookup",
                (poll == 1 ? "one query per record" : "prefetch, " + poll + " keys per poll")
                        + (paced > 0 ? ", paced " + paced + "/s" : ""),
                1,
                keys / ((t1 - t0) / 1e9),
                pgPerKey(pg1 - pg0, t1 - t0, keys, paced),
                clientCpu / 1e3 / Math.max(1, keys),
                percentile(all, 0.50) / 1e6,
                percentile(all, 0.99) / 1e6);
    }

    /** CPU of every PostgreSQL process (backends, WAL writer, the walsender that feeds Debezium), in clock ticks. */
    static long postgresCpuTicks() throws Exception {
        long sum = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) continue;
                try {
                    if (!Files.readString(p.resolve("comm")).trim().startsWith("postgres")) continue;
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException | RuntimeException e) {
                    // The process ended while it was read.
                }
            }
        }
        return sum;
    }

    /** PostgreSQL CPU per key; for a paced row, above what it burns idle over the same time. */
    private static double pgPerKey(long ticks, long nanos, long keys, int paced) {
        double us = ticksToMicros(ticks);
        if (paced > 0) us -= idlePgUsPerSecond * nanos / 1e9;
        return us / Math.max(1, keys);
    }

    private static double ticksToMicros(long ticks) {
        return ticks * 10_000.0; // USER_HZ 100
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void write(Path out, List<Cell> cells, int seconds, String loadBefore, String loadAfter)
            throws Exception {
        StringBuilder s = new StringBuilder();
        s.append("\n## Run of ").append(Instant.now()).append("\n\n");
        s.append(CryptoBench.machine("before / after", loadBefore, loadAfter))
                .append(" ")
                .append(seconds)
                .append(
                        " s per row, closed loops unless paced; PostgreSQL CPU from /proc (all its processes) divided by the keys"
                                + " (paced rows: above PostgreSQL's idle CPU, "
                                + String.format("%.0f", idlePgUsPerSecond)
                                + " µs per second in this run);"
                                + " client CPU = the calling threads' CPU time in the store and cipher (JDBC, pool, wrapping) per key.\n\n");
        s.append(
                "| operation | how | client threads | keys/s | PostgreSQL CPU µs per key | client CPU µs per key | latency p50 ms | p99 ms |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Cell c : cells) {
            s.append(String.format(
                    "| %s | %s | %d | %.0f | %.1f | %.1f | %.2f | %.2f |%n",
                    c.what(),
                    c.mode(),
                    c.threads(),
                    c.perSecond(),
                    c.pgUsPerKey(),
                    c.clientUsPerKey(),
                    c.p50Ms(),
                    c.p99Ms()));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        if (!Files.exists(out)) Files.writeString(out, HEADER);
        Files.writeString(out, s.toString(), StandardOpenOption.APPEND);
    }

    private static final String HEADER = """
            # Data keys in PostgreSQL: group commit and per-poll prefetch (issue 16)

            `bench/crypto-keys.sh` (`KeyStoreBench`). Each new conversation needs a data key row before
            its first record is sealed (gateway, request path), and every role that opens a record of a
            conversation it has not seen looks the key up. "one statement per call" is how every call
            went to PostgreSQL before; "group commit" puts the calls that arrive while one insert is at
            the database into the next single statement; "prefetch" is one query for the keys a poll's
            records name (worker, sink, stream router). Same database, same run.
            """;
}
