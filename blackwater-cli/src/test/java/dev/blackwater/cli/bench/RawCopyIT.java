package dev.blackwater.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blackwater.Sql;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's limit: the server's COPY out to files and back into unindexed copies, then the
 * keys built on the copies, on names that only work quoted. The files are the server's, so this
 * needs the embedded server (a server named by BLACKWATER_TEST_PG_URL may not share our disk).
 */
@ExtendWith(PostgresExtension.class)
class RawCopyIT {

  @Test
  void copiesOutAndBackInAndBuildsTheKeysWhateverTheNames(TestDatabase db, @TempDir Path dir)
      throws Exception {
    assumeTrue(System.getenv("BLACKWATER_TEST_PG_URL") == null, "needs a server on this machine");
    String parent = "Order \"heads\"";
    String table = "Order \"lines\"";
    String schema = "Bench \"target\"";
    db.execute("CREATE TABLE " + Sql.identifier(parent) + " (id integer PRIMARY KEY)");
    db.execute(
        "CREATE TABLE "
            + Sql.identifier(table)
            + " (id integer PRIMARY KEY, head integer NOT NULL REFERENCES "
            + Sql.identifier(parent)
            + ", note text)");
    db.execute("CREATE INDEX ON " + Sql.identifier(table) + " (note)");
    db.execute("INSERT INTO " + Sql.identifier(parent) + " VALUES (7)");
    db.execute("INSERT INTO " + Sql.identifier(table) + " VALUES (1, 7, 'it''s'), (2, 7, NULL)");
    DatabaseConfig config = new DatabaseConfig("bench", db.jdbcUrl(), db.user(), db.password());
    List<String> tables = List.of(parent, table);
    dir.toFile().setWritable(true, false);

    RawCopy.Outcome out = RawCopy.copyOut(config, "public", tables, 2, dir);
    RawCopy.Outcome in = RawCopy.copyIn(config, "public", tables, dir, schema);
    RawKeys.Outcome keys = RawKeys.build(config, "public", tables, schema);

    assertThat(out.rows()).isEqualTo(3);
    assertThat(in.rows()).isEqualTo(3);
    assertThat(Files.readString(RawCopy.file(dir, table))).contains("1,7,it's");
    assertThat(keys.keysAndIndexes()).isEqualTo(3);
    assertThat(keys.foreignKeys()).isEqualTo(1);
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND convalidated AND"
                    + " conrelid = "
                    + Sql.literal(Sql.qualified(schema, table))
                    + "::regclass"))
        .as("added NOT VALID, then validated apart")
        .isEqualTo(1);
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_constraint WHERE conrelid = "
                    + Sql.literal(Sql.qualified(schema, table))
                    + "::regclass"))
        .as("the copy's primary and foreign key")
        .isEqualTo(2);
    RawCopy.drop(config, schema);
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_namespace WHERE nspname = " + Sql.literal(schema)))
        .isZero();
  }
}
