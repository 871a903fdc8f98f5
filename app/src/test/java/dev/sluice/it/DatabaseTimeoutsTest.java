package dev.sluice.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Every pooled PostgreSQL session is bounded on the server side (application.properties). */
class DatabaseTimeoutsTest {

    @Test
    void pooledSessionsHaveStatementLockAndIdleTransactionTimeouts() throws Exception {
        DataSource pool = TestStack.get().context().getBean(DataSource.class);
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            assertThat(show(s, "statement_timeout")).isEqualTo("30s");
            assertThat(show(s, "lock_timeout")).isEqualTo("10s");
            assertThat(show(s, "idle_in_transaction_session_timeout")).isEqualTo("1min");
        }
    }

    private static String show(Statement s, String setting) throws Exception {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }
}
