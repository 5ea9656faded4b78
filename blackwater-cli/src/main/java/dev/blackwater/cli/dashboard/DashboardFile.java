package dev.blackwater.cli.dashboard;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The dashboard page as a file: read the warehouse, render, write. */
public final class DashboardFile {

  private DashboardFile() {}

  /**
   * Reads the warehouse's schema, renders the page and writes it to {@code target}. {@code
   * freshAsOf} is when the warehouse last held every change of the source ({@code blackwater
   * status}'s warehouse freshness), read before the views; empty when the lake is not known.
   */
  public static DashboardSnapshot create(
      DatabaseConfig warehouse,
      String schema,
      Path target,
      Clock clock,
      Optional<Instant> freshAsOf) {
    DashboardSnapshot snapshot = new Dashboard(warehouse, schema, clock).read(freshAsOf);
    write(target, new DashboardPage().render(snapshot));
    return snapshot;
  }

  /** Writes {@code html} to {@code target}, beside it first so a reader never sees half a page. */
  public static Path write(Path target, String html) {
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
