package dev.blackwater.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Sql;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's raw COPY out and in, on names that only work quoted. */
@ExtendWith(PostgresExtension.class)
class RawCopyIT {

  @Test
  void copiesOutAndBackInWhateverTheNames(TestDatabase db, @TempDir Path dir) throws Exception {
    String table = "Order \"lines\"";
    String schema = "Bench \"target\"";
    db.execute("CREATE TABLE " + Sql.identifier(table) + " (id integer NOT NULL, note text)");
    db.execute("INSERT INTO " + Sql.identifier(table) + " VALUES (1, 'it''s'), (2, NULL)");
    DatabaseConfig config = new DatabaseConfig("bench", db.jdbcUrl(), db.user(), db.password());

    RawCopy.Outcome out = RawCopy.copyOut(config, List.of(table), 1, dir);
    RawCopy.Outcome in = RawCopy.copyIn(config, "public", List.of(table), dir, schema);

    assertThat(out.rows()).isEqualTo(2);
    assertThat(in.rows()).isEqualTo(2);
    assertThat(in.bytes()).isEqualTo(out.bytes());
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_namespace WHERE nspname = " + Sql.literal(schema)))
        .isZero();
  }
}
