package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

  @Test
  void neverShowsThePassword() {
    DatabaseConfig db =
        new DatabaseConfig(
            "source",
            "jdbc:postgresql://h:5432/totesys?user=u&password=hunter2&ssl=true",
            "u",
            "pw2");
    assertThat(db.toString())
        .doesNotContain("hunter2")
        .doesNotContain("pw2")
        .contains("password=***");
    assertThat(db.redactedUrl())
        .isEqualTo("jdbc:postgresql://h:5432/totesys?user=u&password=***&ssl=true");
    assertThat(db.location()).isEqualTo("h:5432/totesys");
    assertThat(DatabaseConfig.redact("jdbc:postgresql://u:secret@h/db"))
        .isEqualTo("jdbc:postgresql://u:***@h/db");
  }

  @Test
  void requiresAPostgresJdbcUrl() {
    assertThatThrownBy(() -> new DatabaseConfig("warehouse", null, null, null))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("--warehouse-url")
        .hasMessageContaining("BLACKWATER_WAREHOUSE_URL");
    assertThatThrownBy(() -> new DatabaseConfig("source", "mysql://x?password=p", null, null))
        .hasMessageContaining("must be a PostgreSQL JDBC URL")
        .hasMessageNotContaining("password=p");
  }

  @Test
  void namesEachKindOfConnectionFailure() {
    DatabaseConfig db = new DatabaseConfig("source", "jdbc:postgresql://h:1/d", "alice", "pw");
    assertThat(failure(db, "28P01").getMessage())
        .isEqualTo("the source database at h:1/d refused the credentials of user 'alice'");
    assertThat(failure(db, "3D000").getMessage())
        .isEqualTo("the source database at h:1/d does not exist");
    assertThat(failure(db, "42501").getMessage())
        .startsWith("permission denied on the source database");
    assertThat(failure(db, "08001").getMessage())
        .startsWith("cannot reach the source database at h:1/d");
    assertThat(failure(db, "XX000").getMessage()).startsWith("the source database at h:1/d: ");
    assertThat(failure(db, "08001").code()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(failure(db, "42P01").code()).as("undefined table").isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(failure(db, "42703").code())
        .as("undefined column")
        .isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(failure(db, "22007").code()).as("bad datetime").isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(failure(db, "23503").code()).as("foreign key").isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(failure(db, "42601").code()).as("syntax: a bug").isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void opensNothingWhereNothingListens() {
    DatabaseConfig db =
        new DatabaseConfig("warehouse", "jdbc:postgresql://127.0.0.1:9/none", "u", "s3cret");
    assertThatThrownBy(new Database(db)::open)
        .isInstanceOf(BlackwaterException.class)
        .hasMessageStartingWith("cannot reach the warehouse database at 127.0.0.1:9/none")
        .hasMessageNotContaining("s3cret");
  }

  private static BlackwaterException failure(DatabaseConfig db, String state) {
    return new Database(db).failure(new SQLException("boom password=leak", state));
  }
}
