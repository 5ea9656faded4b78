package dev.blackwater.aws.handler;

import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A role that must log in with its password. The embedded server trusts every local login, so this
 * puts scram-sha-256 lines for the role ahead of the server's own in pg_hba.conf and reloads it;
 * other roles are untouched. A server whose files cannot be changed skips the test.
 */
record PasswordLogin(TestDatabase database, String role) {

  static PasswordLogin create(TestDatabase database, String role, String password) {
    PasswordLogin login = new PasswordLogin(database, role);
    database.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + role
            + "') THEN CREATE ROLE "
            + role
            + " LOGIN; END IF; END $$");
    login.changePassword(password);
    login.requirePassword();
    return login;
  }

  void changePassword(String password) {
    database.execute("ALTER ROLE " + role + " PASSWORD '" + password + "'");
  }

  private void requirePassword() {
    try (Connection c = database.connect();
        Statement s = c.createStatement()) {
      String file;
      String content;
      try (ResultSet r =
          s.executeQuery(
              "SELECT current_setting('hba_file'), pg_read_file(current_setting('hba_file'))")) {
        r.next();
        file = r.getString(1);
        content = r.getString(2);
      }
      if (!content.contains(" " + role + " ")) {
        List<String> lines = new ArrayList<>();
        lines.add("host all " + role + " 127.0.0.1/32 scram-sha-256");
        lines.add("host all " + role + " ::1/128 scram-sha-256");
        content
            .lines()
            .map(l -> l.replace('\t', ' ').strip())
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .forEach(lines::add);
        s.execute("CREATE TEMP TABLE hba_line (n int, line text)");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hba_line VALUES (?, ?)")) {
          for (int i = 0; i < lines.size(); i++) {
            insert.setInt(1, i);
            insert.setString(2, lines.get(i));
            insert.addBatch();
          }
          insert.executeBatch();
        }
        s.execute(
            "COPY (SELECT line FROM hba_line ORDER BY n) TO '" + file.replace("'", "''") + "'");
        s.execute("SELECT pg_reload_conf()");
      }
    } catch (SQLException e) {
      Assumptions.abort("cannot require a password on this server: " + e.getMessage());
    }
    awaitRefusal();
  }

  /** Waits until the server refuses a wrong password (the reload takes a moment). */
  private void awaitRefusal() {
    for (int attempt = 0; attempt < 50; attempt++) {
      try (Connection c =
          DriverManager.getConnection(database.jdbcUrl(), role, "surely-not-the-password")) {
        sleep();
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("28")) {
          return;
        }
        sleep();
      }
    }
    Assumptions.abort("the server still accepts any password for " + role);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
