package dev.blackwater.cli.dashboard;

import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.WarehouseOptions;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater dashboard --out FILE.html}. */
@Command(
    name = "dashboard",
    description = {
      "Write a self-contained HTML dashboard of the warehouse: sales by month, currency, design,",
      "staff, department and delivery place, purchases and payments, paid versus unpaid.",
      "The page needs no network to view; its queries are the files dashboard/*.sql."
    })
public final class DashboardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin WarehouseOptions warehouse;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "Where to write the page (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    RunContext.start();
    RunContext.stage("dashboard");
    String schema = warehouse.warehouseSchema().schema();
    DashboardSnapshot snapshot =
        new Dashboard(warehouse.config(), schema, Clock.systemUTC()).read();
    Path written = write(out, new DashboardPage().render(snapshot));
    spec.commandLine()
        .getOut()
        .printf(
            "Dashboard of schema %s at %s (%s) written to %s%n",
            schema,
            snapshot.warehouse(),
            snapshot.empty()
                ? "no facts yet"
                : String.format(
                    "%,d facts, data as of %s",
                    snapshot.facts(), snapshot.freshness().orElseThrow().replace('T', ' ')),
            written);
    return 0;
  }

  /** Writes the page beside its target first, so a reader never sees half a page. */
  private static Path write(Path target, String html) {
    Path file = target.toAbsolutePath().normalize();
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "cannot write the dashboard to " + file + ": the folder " + folder + " does not exist");
    }
    Path temp = folder.resolve(file.getFileName() + ".tmp");
    try {
      Files.writeString(temp, html, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      deleteQuietly(temp);
      String reason = e instanceof AccessDeniedException ? "permission denied" : e.toString();
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "cannot write the dashboard to " + file + ": " + reason, e);
    }
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // the write failed already: that is the failure to report
    }
  }
}
