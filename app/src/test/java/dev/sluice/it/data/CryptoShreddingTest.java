package dev.sluice.it.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.it.SseClient;
import dev.sluice.it.TestStack;
import dev.sluice.schemas.crypto.LocalKeyProvider;
import dev.sluice.schemas.kafka.KafkaClients;
import dev.sluice.schemas.serde.Json;
import dev.sluice.schemas.topic.Topics;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16's erase test against the whole stack. Two users each plant unique text in a
 * conversation; one erases theirs. Then everything Sluice keeps is searched as an attacker with
 * the database and the master key would: every topic from its start (changelogs and internal
 * topics included, sealed values decrypted with every data key that still exists, ignoring key
 * ids and associated data), every PostgreSQL table, every Redis key and every log line. The
 * erased conversation's text is readable nowhere; the other one's still is, through its key,
 * and was never on a topic in the clear. Run with {@code sluice.crypto.enabled=false} (Sluice
 * before crypto-shredding), the topic scan finds the erased text in several records.
 */
@Timeout(300)
class CryptoShreddingTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ThreadLocal<Cipher> CTR = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/CTR/NoPadding");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    });
    private static final Pattern SEALED = Pattern.compile("\"sealed\":\"([A-Za-z0-9+/=]+)\"");

    @Test
    void afterAnErasureNoStoreHoldsAReadableCopyOfItsTextAndOtherConversationsAreUntouched() throws Exception {
        TestStack stack = TestStack.get();
        String bootstrap = stack.property("sluice.kafka.bootstrap");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String erasedText = "zanzibar" + run + "quokka";
        String keptText = "vermilion" + run + "narwhal";
        String erasedUser = "erase-" + run;
        String keptUser = "keep-" + run;
        String erased = "shred-" + run + "-gone";
        String kept = "shred-" + run + "-kept";

        List<String> logs;
        JsonNode confirmation;
        try (LogCapture capture = new LogCapture()) {
            chat(stack, erasedUser, erased, "Remember the word " + erasedText + ". Tell me a story.");
            chat(stack, keptUser, kept, "Remember the word " + keptText + ". Tell me a story.");
            awaitStored(stack, erasedUser, erased);
            awaitStored(stack, keptUser, kept);

            long before = System.currentTimeMillis();
            assertThat(delete(stack, erasedUser, erased)).isEqualTo(204);
            confirmation = awaitConfirmation(bootstrap, erased, before);
            logs = capture.lines();
        }
        assertThat(confirmation.path("user_id").asString()).isEqualTo(erasedUser);
        assertThat(confirmation.path("confirmed_at_ms").asLong())
                .isGreaterThanOrEqualTo(confirmation.path("erased_at_ms").asLong());

        // The answers are not planted: stories260K may well tell both users the same story.
        List<String> planted = List.of(erasedText);
        Map<UUID, SecretKeySpec> keys = liveDataKeys(stack);

        Set<String> topics = TopicScan.topics(bootstrap);
        assertThat(topics)
                .anyMatch(t -> t.endsWith("conversation-context-changelog"))
                .contains(
                        Topics.CHAT_REQUESTS.name(),
                        Topics.CHAT_PROMPTS.name(),
                        Topics.CHAT_STREAM.name(),
                        Topics.CHAT_COMPLETIONS.name(),
                        Topics.DEAD_LETTER.name());
        Map<String, Integer> readable = new HashMap<>();
        Map<String, Integer> plain = new HashMap<>();
        TopicScan.each(bootstrap, TopicScan.ends(bootstrap, topics), r -> {
            String raw = r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8);
            for (String text : readableTexts(raw, keys)) {
                for (String p : planted) if (text.contains(p)) readable.merge("erased@" + r.topic(), 1, Integer::sum);
                if (text.contains(keptText)) readable.merge("kept@" + r.topic(), 1, Integer::sum);
            }
            if (raw.contains(keptText) || raw.contains(erasedText)) plain.merge(r.topic(), 1, Integer::sum);
        });

        assertThat(readable)
                .as("readable copies of the erased conversation on any topic, with every live key tried")
                .doesNotContainKeys(topics.stream().map(t -> "erased@" + t).toArray(String[]::new));
        assertThat(keys).as("data keys left").isNotEmpty();
        assertThat(readable)
                .as("the other conversation, through its own key")
                .containsKeys(
                        "kept@" + Topics.CHAT_REQUESTS.name(),
                        "kept@" + Topics.CHAT_PROMPTS.name(),
                        "kept@" + Topics.CHAT_COMPLETIONS.name());
        assertThat(readable.keySet())
                .anyMatch(k -> k.startsWith("kept@") && k.endsWith("conversation-context-changelog"));
        assertThat(plain).as("planted text in the clear on a topic").isEmpty();

        assertThat(postgresRowsMentioning(stack, planted)).as("PostgreSQL rows").isEmpty();
        assertThat(postgresRowsMentioning(stack, List.of(keptText)))
                .as("the kept conversation's history")
                .isNotEmpty();
        assertThat(redisEntriesMentioning(stack, planted)).as("Redis entries").isEmpty();
        assertThat(logs).isNotEmpty().noneMatch(l -> l.contains(erasedText) || l.contains(keptText));
    }

    /** The record as it stands, plus every decryption of its sealed content under every key (GCM is CTR underneath: no tag check, no AAD). */
    static List<String> readableTexts(String raw, Map<UUID, SecretKeySpec> keys) {
        List<String> out = new ArrayList<>(List.of(raw));
        Matcher m = SEALED.matcher(raw);
        while (m.find()) {
            byte[] envelope = Base64.getDecoder().decode(m.group(1));
            if (envelope.length < 45) continue;
            byte[] iv = ByteBuffer.allocate(16).put(envelope, 17, 12).putInt(2).array();
            for (SecretKeySpec key : keys.values()) {
                try {
                    Cipher ctr = CTR.get();
                    ctr.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
                    out.add(new String(ctr.doFinal(envelope, 29, envelope.length - 29 - 16), StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    /** Every data key left in PostgreSQL, unwrapped with the stack's master key. */
    private static Map<UUID, SecretKeySpec> liveDataKeys(TestStack stack) throws Exception {
        LocalKeyProvider master = LocalKeyProvider.resolve("", stack.dataDir());
        Map<UUID, SecretKeySpec> keys = new HashMap<>();
        try (Connection c = stack.context().getBean(DataSource.class).getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, master_key_id, wrapped FROM data_keys")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                byte[] context = ByteBuffer.allocate(16)
                        .putLong(id.getMostSignificantBits())
                        .putLong(id.getLeastSignificantBits())
                        .array();
                keys.put(id, new SecretKeySpec(master.unwrap(rs.getString(2), rs.getBytes(3), context), "AES"));
            }
        }
        return keys;
    }

    private static List<String> postgresRowsMentioning(TestStack stack, List<String> texts) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = stack.context().getBean(DataSource.class).getConnection();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            assertThat(tables).contains("conversations", "messages", "data_keys");
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + t + "\" t")) {
                    while (rs.next())
                        for (String text : texts)
                            if (rs.getString(1).contains(text)) found.add(t + ": " + rs.getString(1));
                }
            }
        }
        return found;
    }

    private static List<String> redisEntriesMentioning(TestStack stack, List<String> texts) {
        List<String> found = new ArrayList<>();
        RedisClient client = stack.context().getBean(RedisClient.class);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (String key : redis.keys("*")) {
                String content = switch (redis.type(key)) {
                    case "string" -> redis.get(key);
                    case "set" -> String.valueOf(redis.smembers(key));
                    case "hash" -> String.valueOf(redis.hgetall(key));
                    case "list" -> String.valueOf(redis.lrange(key, 0, -1));
                    case "zset" -> String.valueOf(redis.zrange(key, 0, -1));
                    default -> "";
                };
                for (String text : texts)
                    if (key.contains(text) || String.valueOf(content).contains(text)) found.add(key);
            }
        }
        return found;
    }

    private static void chat(TestStack stack, String user, String conversation, String content) throws Exception {
        SseClient.Result r = SseClient.post(
                stack.baseUrl() + "/v1/chat/completions",
                stack.token(user),
                DataProtectionTest.chat(conversation, content, 32));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.events().getLast().data()).isEqualTo("[DONE]");
        assertThat(r.events()).noneMatch(e -> e.data().contains("\"error\""));
    }

    private static void awaitStored(TestStack stack, String user, String conversation) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (SseClient.get(stack.baseUrl() + "/v1/conversations/" + conversation, stack.token(user), Map.of())
                        .status()
                != 200) {
            if (System.nanoTime() > deadline)
                throw new AssertionError("conversation " + conversation + " never reached PostgreSQL");
            Thread.sleep(200);
        }
    }

    private static int delete(TestStack stack, String user, String conversation) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/conversations/" + conversation))
                .header("Authorization", "Bearer " + stack.token(user))
                .DELETE()
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The audit stream's record that every store confirmed the erasure. */
    static JsonNode awaitConfirmation(String bootstrap, String conversation, long sinceMs) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(bootstrap, null, "shred-audit-" + conversation),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(Topics.AUDIT.name(), Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.offsetsForTimes(partitions.stream()
                            .collect(java.util.stream.Collectors.toMap(p -> p, p -> sinceMs - 1_000)))
                    .forEach((tp, at) -> {
                        if (at == null) consumer.seekToEnd(List.of(tp));
                        else consumer.seek(tp, at.offset());
                    });
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (!conversation.equals(r.key()) || r.value() == null) continue;
                    JsonNode json = Json.MAPPER.readTree(r.value());
                    if ("erasure_confirmed".equals(json.path("type").asString(""))) return json;
                }
            }
        }
        throw new AssertionError("no erasure confirmation for " + conversation + " on " + Topics.AUDIT.name());
    }
}
