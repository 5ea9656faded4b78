package dev.blackwater.cli.demo;

import dev.blackwater.cli.EmbeddedPostgres;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater demo}: everything on an embedded default, no setup. */
@Command(
    name = "demo",
    description = "Start an embedded PostgreSQL, create and seed a scale-1 totesys, and show it.")
public final class DemoCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "blackwater-demo",
      description = "Where the demo keeps its files (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws IOException, SQLException {
    PrintWriter out = spec.commandLine().getOut();
    Files.createDirectories(dir);
    out.println("Starting an embedded PostgreSQL in " + dir.resolve("postgres") + " ...");
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(dir.resolve("postgres").toAbsolutePath())) {
      DatabaseConfig source = postgres.createDatabase("source", "totesys");
      out.println("Creating and seeding totesys (scale 1) at " + source.redactedUrl() + " ...");
      SeedResult seeded;
      try (Connection connection = source.open()) {
        TotesysSchema.create(connection);
        seeded = new Seeder().seed(connection, new SeedOptions(1, 42));
      }
      out.println();
      out.println("totesys rows:");
      for (Map.Entry<String, Long> table : seeded.rows().entrySet()) {
        out.printf("  %-15s %,8d%n", table.getKey(), table.getValue());
      }
      out.println();
      out.println("The pipeline stages (extract, transform, load) are not built yet: this demo");
      out.println("stops at the sample source database. Each later release extends it.");
    }
    return 0;
  }
}
