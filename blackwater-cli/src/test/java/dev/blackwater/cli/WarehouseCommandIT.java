package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class WarehouseCommandIT {

  private final Cli cli = new Cli();

  @Test
  void migratesChecksPrintsDdlAndLoadsNothingFromAnEmptyLake(TestDatabase db, @TempDir Path lake) {
    String[] target = {
      "--warehouse-url", db.jdbcUrl(), "--warehouse-user", db.user(), "--warehouse-schema", "dw"
    };

    Cli.Outcome check = cli.run(concat(new String[] {"warehouse", "check"}, target));
    Cli.Outcome migrate = cli.run(concat(new String[] {"warehouse", "migrate"}, target));
    Cli.Outcome checkAgain = cli.run(concat(new String[] {"warehouse", "check"}, target));
    Cli.Outcome ddl = cli.run("warehouse", "ddl");
    Cli.Outcome load =
        cli.run(
            concat(
                new String[] {"load", "--processed", lake.toString(), "--warehouse-mode", "check"},
                target));

    assertThat(check.exitCode()).isEqualTo(5);
    assertThat(check.err()).contains("table dim_date is missing");
    assertThat(migrate.exitCode()).as(migrate.all()).isZero();
    assertThat(migrate.out()).contains("5 migration(s) applied");
    assertThat(checkAgain.exitCode()).isZero();
    assertThat(ddl.out()).contains("CREATE TABLE fact_sales_order");
    assertThat(load.exitCode()).as(load.all()).isZero();
    assertThat(load.out()).contains("Nothing to load");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
