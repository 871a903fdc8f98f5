package dev.sluice.persistence.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One-value queries for assertions. */
public final class Sql {

    public static long count(DataSource ds, String sql, Object... args) throws SQLException {
        return Long.parseLong(text(ds, sql, args));
    }

    public static String text(DataSource ds, String sql, Object... args) throws SQLException {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private Sql() {}
}
