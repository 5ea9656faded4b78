package dev.blackwater.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DashboardViewTest {

  /** The folder QuickSight's Terraform reads: {@code dashboard/*.sql}. */
  private static final Path FOLDER = Path.of("src/main/resources/dashboard");

  @Test
  void everySqlFileIsAViewAndEveryViewHasAFile() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(FOLDER)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".sql"))
              .map(n -> n.substring(0, n.length() - ".sql".length()))
              .sorted()
              .toList();
    }
    assertThat(files)
        .isEqualTo(
            Arrays.stream(DashboardView.values()).map(DashboardView::viewName).sorted().toList());
  }

  /**
   * QuickSight wraps a custom SQL data set in a subquery, and psql or a SQL console may run the
   * file as is: one statement, no semicolon, no line comment that could swallow a closing
   * parenthesis, no psql meta-command, no schema-qualified name.
   */
  @Test
  void everyQueryIsOnePlainStatementWithAHeader() {
    for (DashboardView view : DashboardView.values()) {
      String sql = view.sql();
      assertThat(sql).as(view.viewName()).startsWith("/*").contains("Columns:");
      String body = sql.substring(sql.indexOf("*/") + 2);
      assertThat(body)
          .as(view.viewName())
          .doesNotContain(";")
          .doesNotContain("--")
          .doesNotContain("/*")
          .doesNotContainPattern("(?m)^\\s*\\\\")
          .doesNotContainPattern("(?i)\\b(public|dw)\\.")
          .containsPattern("(?i)^\\s*SELECT\\b");
    }
  }
}
