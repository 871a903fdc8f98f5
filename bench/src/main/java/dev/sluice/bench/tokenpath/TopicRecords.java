package dev.sluice.bench.tokenpath;

import dev.sluice.bench.Flags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The sum of every topic's end offsets (internal topics included), one {@code topic offsets} line
 * each: run before and after a measured window, the difference divided by the requests served is
 * how many records (transaction markers included: each takes an offset) the stack writes per
 * request, topic by topic. Used by {@code RECORDS=1 bench/tokenpath.sh}.
 * Usage: --bootstrap HOST:PORT --out FILE
 */
public final class TopicRecords {
    public static void main(String[] args) throws Exception {
        Flags f = new Flags(args, List.of("bootstrap", "out"));
        try (Admin admin =
                Admin.create(Map.<String, Object>of("bootstrap.servers", f.get("bootstrap", "localhost:9092")))) {
            var names = admin.listTopics(new ListTopicsOptions().listInternal(true))
                    .names()
                    .get();
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (var d : admin.describeTopics(names).allTopicNames().get().values())
                for (var p : d.partitions()) ask.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            Map<String, Long> sums = new TreeMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
            StringBuilder out = new StringBuilder();
            sums.forEach((t, n) -> out.append(t).append(' ').append(n).append('\n'));
            Files.writeString(Path.of(f.get("out", "topic-records.txt")), out);
        }
    }

    private TopicRecords() {}
}
