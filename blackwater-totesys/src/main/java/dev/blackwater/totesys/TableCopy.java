package dev.blackwater.totesys;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Streams generated rows into one table with {@code COPY … FROM STDIN}: rows are written as they
 * are generated, through a bounded buffer, so no table is ever held in memory.
 */
final class TableCopy {

  private static final int BUFFER = 1 << 16;

  /** Writes every row of a table, in order. */
  @FunctionalInterface
  interface Rows {
    void writeTo(CopyRowWriter out) throws IOException;
  }

  private TableCopy() {}

  /** Copies {@code rows} into {@code table} (with its columns in {@code columns}); row count. */
  static long copy(Connection connection, String table, String columns, Rows rows)
      throws SQLException {
    String sql = "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT text)";
    PGConnection pg = connection.unwrap(PGConnection.class);
    CopyRowWriter writer;
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(new PGCopyOutputStream(pg, sql, BUFFER), StandardCharsets.UTF_8),
            BUFFER)) {
      writer = new CopyRowWriter(out);
      rows.writeTo(writer);
    } catch (IOException e) {
      throw new SQLException("could not copy rows into " + table + ": " + e.getMessage(), e);
    }
    return writer.rows();
  }
}
