package dev.sluice.persistence.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.persistence.testing.Completions;
import dev.sluice.schemas.event.CompletionRecorded;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The narrowing-down logic on its own, over a store that refuses named records the way PostgreSQL
 * refuses a statement (the whole transaction fails) and counts its transactions. The same path
 * against real PostgreSQL is {@code CompletionSinkTest}.
 */
class IsolatingWriterTest {

    /** Takes a batch whole or refuses it whole, as one transaction does. */
    private static final class TransactionalStore implements CompletionWriter {
        final Set<String> refused = new HashSet<>();
        final Set<String> stored = new HashSet<>();
        int transactions;
        /** The store goes down for good after this many transactions. */
        int downAfter = Integer.MAX_VALUE;

        @Override
        public List<Rejected> write(List<CompletionRecorded> batch) throws SQLException {
            if (++transactions > downAfter) throw new SQLException("connection refused", "08001");
            for (CompletionRecorded c : batch) {
                if (refused.contains(c.correlationId())) throw new SQLException("invalid byte sequence", "22021");
            }
            batch.forEach(c -> stored.add(c.correlationId()));
            return List.of();
        }

        @Override
        public boolean storeUnavailable(Exception failure) {
            return failure instanceof SQLException s && s.getSQLState().startsWith("08");
        }

        @Override
        public String describe(Exception failure) {
            return "SQLState " + ((SQLException) failure).getSQLState();
        }
    }

    private static List<CompletionRecorded> batch(int n) {
        List<CompletionRecorded> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(Completions.turn("conv-" + i, "u", 0, 0, ""));
        return out;
    }

    @Test
    void oneRefusedRecordAmongFiveThousandCostsAboutTwoLogNTransactionsAndGoesBackRejected() throws Exception {
        TransactionalStore store = new TransactionalStore();
        List<CompletionRecorded> batch = batch(5000);
        CompletionRecorded bad = batch.get(3217);
        store.refused.add(bad.correlationId());

        List<CompletionWriter.Rejected> rejected = new IsolatingWriter(store, 3, Duration.ZERO).write(batch);

        assertThat(rejected).extracting(CompletionWriter.Rejected::completion).containsExactly(bad);
        assertThat(rejected.getFirst().reason()).isEqualTo("the store refused it 3 times: SQLState 22021");
        assertThat(store.stored).hasSize(4999).doesNotContain(bad.correlationId());
        assertThat(store.transactions).isLessThanOrEqualTo(2 * 13 + 1 + 3);
    }

    @Test
    void severalRefusedRecordsAreAllSetAsideAndTheRestStored() throws Exception {
        TransactionalStore store = new TransactionalStore();
        List<CompletionRecorded> batch = batch(100);
        for (int i : new int[] {0, 41, 42, 99}) store.refused.add(batch.get(i).correlationId());

        List<CompletionWriter.Rejected> rejected = new IsolatingWriter(store, 2, Duration.ZERO).write(batch);

        assertThat(rejected).hasSize(4);
        assertThat(store.stored).hasSize(96);
    }

    @Test
    void anOutageWhileNarrowingDownIsThrownSoTheSinkWaitsInsteadOfDeadLettering() {
        TransactionalStore store = new TransactionalStore();
        store.downAfter = 1;
        List<CompletionRecorded> batch = batch(10);
        store.refused.add(batch.get(3).correlationId());

        assertThatThrownBy(() -> new IsolatingWriter(store, 3, Duration.ZERO).write(batch))
                .isInstanceOf(SQLException.class)
                .hasMessage("connection refused");
    }
}
