package dev.blackwater.extract;

import dev.blackwater.Sql;
import dev.blackwater.catalog.SourceTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.roaringbitmap.RoaringBitmap;

/**
 * Reads one table's keys in the snapshot: {@code COPY (SELECT <key> FROM <table>) TO STDOUT (FORMAT
 * binary)}, four bytes a key, straight into a bitmap. Only a table whose primary key is one integer
 * column can be read so (every totesys table).
 */
final class KeyReader {

  private static final Set<String> INTEGERS = Set.of("integer", "smallint");
  private static final int SIGNATURE_BYTES = 11;

  private KeyReader() {}

  /** The key column of {@code table}, when its primary key is one integer column. */
  static Optional<String> keyColumn(SourceTable table) {
    if (table.primaryKey().size() != 1) {
      return Optional.empty();
    }
    String key = table.primaryKey().get(0);
    int i = table.indexOf(key);
    return i >= 0 && INTEGERS.contains(table.columns().get(i).type())
        ? Optional.of(key)
        : Optional.empty();
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted; COPY takes no parameters")
  static RoaringBitmap read(Connection connection, SourceTable table, String key)
      throws SQLException, IOException {
    String sql =
        "COPY (SELECT "
            + Sql.identifier(key)
            + "::int4 FROM "
            + Sql.qualified(table.schema(), table.name())
            + ") TO STDOUT (FORMAT binary)";
    RoaringBitmap keys = new RoaringBitmap();
    try (PGCopyInputStream copy =
            new PGCopyInputStream(connection.unwrap(PGConnection.class), sql);
        DataInputStream in = new DataInputStream(new BufferedInputStream(copy, 1 << 16))) {
      in.skipNBytes(SIGNATURE_BYTES + 4); // signature and flags
      in.skipNBytes(in.readInt()); // header extension
      int[] chunk = new int[4096];
      int n = 0;
      while (true) {
        short fields = in.readShort();
        if (fields == -1) {
          break;
        }
        int length = in.readInt();
        if (fields != 1 || length != 4) {
          throw new IOException(
              "unexpected row in the keys of " + table.name() + ": " + fields + " field(s)");
        }
        chunk[n++] = in.readInt();
        if (n == chunk.length) {
          keys.addN(chunk, 0, n);
          n = 0;
        }
      }
      keys.addN(chunk, 0, n);
    } catch (EOFException e) {
      throw new IOException("the keys of " + table.name() + " ended early", e);
    }
    return keys;
  }
}
