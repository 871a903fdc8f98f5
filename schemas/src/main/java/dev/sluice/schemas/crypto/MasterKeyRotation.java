package dev.sluice.schemas.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import javax.sql.DataSource;

/**
 * Moves the stored data keys from earlier master keys to the current one ({@code ./sluice keys
 * rewrap}). Each key is unwrapped with the previous master key the provider holds and wrapped again
 * with the current one, bound to the same id; the row changes only if it still holds what was read
 * (an erasure that deleted it meanwhile stays deleted). Content is never touched: the data keys stay
 * the same, only their wrapping changes, so every record on every topic stays readable. Keys wrapped
 * by a master key the provider does not hold are left alone and counted.
 */
public final class MasterKeyRotation {
    /** How many keys were wrapped again, and which master keys still wrap how many keys afterwards. */
    public record Result(int rewrapped, Map<String, Integer> remaining) {}

    private record Stored(UUID id, String masterKeyId, byte[] wrapped) {}

    private final DataSource dataSource;
    private final KeyProvider provider;
    private final List<String> previous;

    /** @param previous the ids of the earlier master keys {@code provider} can unwrap with */
    public MasterKeyRotation(DataSource dataSource, KeyProvider provider, List<String> previous) {
        this.dataSource = dataSource;
        this.provider = provider;
        this.previous = List.copyOf(previous);
    }

    /** Stored keys per master key id. */
    public Map<String, Integer> counts() throws SQLException {
        Map<String, Integer> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT master_key_id, count(*) FROM data_keys GROUP BY master_key_id ORDER BY 2 DESC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), rs.getInt(2));
        }
        return out;
    }

    /**
     * Rewraps every key wrapped by a previous master key, {@code batch} rows per transaction.
     *
     * @param progress told the running total after each batch
     */
    public Result rewrap(int batch, IntConsumer progress) throws SQLException {
        int done = 0;
        if (!previous.isEmpty()) {
            while (true) {
                int n = rewrapBatch(batch);
                if (n == 0) break;
                done += n;
                progress.accept(done);
            }
        }
        return new Result(done, counts());
    }

    private int rewrapBatch(int batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Stored> rows = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id, master_key_id, wrapped FROM data_keys WHERE master_key_id = ANY (?) LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    ps.setArray(1, c.createArrayOf("text", previous.toArray()));
                    ps.setInt(2, batch);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next())
                            rows.add(new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)));
                    }
                }
                try (PreparedStatement up = c.prepareStatement(
                        "UPDATE data_keys SET master_key_id = ?, wrapped = ? WHERE id = ? AND master_key_id = ?")) {
                    for (Stored r : rows) {
                        byte[] context = DataKeyCipher.context(r.id());
                        byte[] raw = provider.unwrap(r.masterKeyId(), r.wrapped(), context);
                        up.setString(1, provider.masterKeyId());
                        up.setBytes(2, provider.wrap(raw, context));
                        up.setObject(3, r.id());
                        up.setString(4, r.masterKeyId());
                        up.addBatch();
                        java.util.Arrays.fill(raw, (byte) 0);
                    }
                    up.executeBatch();
                }
                c.commit();
                return rows.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
