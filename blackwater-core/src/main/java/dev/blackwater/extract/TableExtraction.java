package dev.blackwater.extract;

import dev.blackwater.catalog.SourceTable;
import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.CsvCodec;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Extracts one table's new row versions in the shared snapshot. The server finds them: a summary
 * query counts the new rows and their newest {@code last_updated}, {@code COPY (SELECT ...) TO
 * STDOUT (FORMAT csv, HEADER)} sends them, and a last query lists the versions inside the new
 * overlap window. The rows stream from the connection into compressed objects as the server sends
 * them, unparsed; a table with nothing new is not copied at all.
 */
final class TableExtraction {

  private static final Logger LOG = LoggerFactory.getLogger(TableExtraction.class);
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private final SourceTable table;
  private final PreviousTable previous;
  private final ExtractSettings settings;
  private final LakeStore lake;
  private final BatchId batch;
  private final List<String> addedColumns;
  private final long sizeBytes;
  private String keyColumn;
  private final RoaringBitmap newKeys = new RoaringBitmap();

  TableExtraction(
      SourceTable table,
      PreviousTable previous,
      ExtractSettings settings,
      LakeStore lake,
      BatchId batch,
      List<String> addedColumns,
      long sizeBytes) {
    this.table = table;
    this.addedColumns = List.copyOf(addedColumns);
    this.previous = previous;
    this.settings = settings;
    this.lake = lake;
    this.batch = batch;
    this.sizeBytes = sizeBytes;
  }

  /** The table as the catalogue describes it. */
  SourceTable table() {
    return table;
  }

  /** The table's size on the source, to start the largest tables first. */
  long sizeBytes() {
    return sizeBytes;
  }

  /**
   * The lower bound of the query: the previous watermark less the overlap, never below the window
   * whose versions the previous batch remembers.
   */
  Long selectFrom() {
    if (previous.watermark().isEmpty()) {
      return null;
    }
    long from = previous.watermark().get() - settings.overlap().toNanos() / 1000;
    return Math.max(from, previous.overlapSince());
  }

  ExtractQueries queries() {
    ExtractQueries queries =
        new ExtractQueries(
            table, selectFrom(), previous.watermark().orElse(null), previous.overlapVersions());
    return keyColumn == null ? queries : queries.collectingKeys(keyColumn);
  }

  /** Makes the run collect the keys of the new rows ({@link #newKeys()}), from {@code column}. */
  void collectKeys(String column) {
    this.keyColumn = column;
  }

  /** The keys of the rows this run extracted, when it collected them. */
  RoaringBitmap newKeys() {
    return newKeys;
  }

  TableExtract run(Connection connection, Runnable newRowsFound) throws SQLException, IOException {
    MDC.put("table", table.name());
    try {
      return extract(connection, newRowsFound);
    } finally {
      MDC.remove("table");
    }
  }

  /** What the summary query found. */
  private record Summary(long rows, Long newest, long skipped) {}

  private TableExtract extract(Connection connection, Runnable newRowsFound)
      throws SQLException, IOException {
    long started = System.nanoTime();
    ExtractQueries queries = queries();
    Summary summary = summary(connection, queries);
    long summarised = System.nanoTime();
    List<ObjectRef> objects = List.of();
    if (summary.rows() > 0) {
      newRowsFound.run();
      objects = copy(connection, queries, summary.rows());
    }
    long copied = System.nanoTime();
    Manifest.Table entry = entry(connection, queries, summary, objects);
    LOG.debug(
        "{}: summary {} ms, copy {} ms, window {} ms",
        table.name(),
        (summarised - started) / 1_000_000,
        (copied - summarised) / 1_000_000,
        (System.nanoTime() - copied) / 1_000_000);
    long bytes = objects.stream().mapToLong(ObjectRef::bytes).sum();
    LOG.info(
        "{}: {} new rows in {} object(s), {} bytes, {} skipped; watermark {}",
        table.name(),
        String.format(Locale.ROOT, "%,d", summary.rows()),
        objects.size(),
        String.format(Locale.ROOT, "%,d", bytes),
        String.format(Locale.ROOT, "%,d", summary.skipped()),
        entry.watermark() == null ? "none" : entry.watermark().to());
    return new TableExtract(
        table.name(),
        summary.rows(),
        summary.skipped(),
        bytes,
        Duration.ofNanos(System.nanoTime() - started),
        entry);
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted, values are literals made by Sql; COPY takes no parameters")
  private Summary summary(Connection connection, ExtractQueries queries) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(queries.summary())) {
      r.next();
      long withoutTime = r.getLong(4);
      if (withoutTime > 0) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY,
            table.name()
                + " has "
                + withoutTime
                + " rows without a "
                + TableCatalog.LAST_UPDATED
                + ": a row version needs one");
      }
      if (keyColumn != null) {
        java.sql.Array keys = r.getArray(5);
        if (keys != null) {
          for (Integer key : (Integer[]) keys.getArray()) {
            newKeys.add(key);
          }
        }
      }
      String newest = r.getString(2);
      return new Summary(
          r.getLong(1), newest == null ? null : SourceTimestamp.parseIso(newest), r.getLong(3));
    }
  }

  /** Streams the new rows into compressed objects, checking that every counted row came. */
  private List<ObjectRef> copy(Connection connection, ExtractQueries queries, long expected)
      throws SQLException, IOException {
    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(queries.copy());
    try {
      byte[] header = copy.readFromCopy();
      if (header == null) {
        throw new IllegalStateException("COPY of " + table.name() + " returned no header");
      }
      long rows = 0;
      long nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
      List<ObjectRef> objects;
      try (CompressedParts parts =
          new CompressedParts(
              lake, batch, table.name(), header, settings.partBytes(), CsvCodec.ZSTD)) {
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
          parts.write(row);
          rows++;
          if ((rows & 0xFFFF) == 0 && System.nanoTime() > nextProgress) {
            nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
            LOG.info("{}: {} rows so far", table.name(), String.format(Locale.ROOT, "%,d", rows));
          }
        }
        if (rows != expected) {
          throw new BlackwaterException(
              ErrorCode.INTERNAL,
              table.name()
                  + ": the snapshot counted "
                  + expected
                  + " new rows, but COPY sent "
                  + rows
                  + "; nothing was committed");
        }
        objects = parts.finish();
      }
      return objects;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  /**
   * The manifest entry: the watermark moves to the newest {@code last_updated} stored, and the
   * overlap window below it remembers its versions (asked of the server when this batch stored
   * rows; otherwise those the previous batch remembered, still inside the window).
   */
  private Manifest.Table entry(
      Connection connection, ExtractQueries queries, Summary summary, List<ObjectRef> objects)
      throws SQLException {
    if (summary.rows() == 0 && previous.watermark().isEmpty()) {
      return new Manifest.Table(
          0, objects, null, table.columns(), table.primaryKey(), null, null, addedColumns);
    }
    Long from = selectFrom();
    long windowMicros = settings.overlap().toNanos() / 1000;
    long to =
        Math.max(
            previous.watermark().orElse(Long.MIN_VALUE),
            summary.newest() == null ? Long.MIN_VALUE : summary.newest());
    // Never claim to remember versions below what the previous batch remembered: a window made
    // wider takes effect as the watermark moves on, so no version is stored twice.
    long since =
        previous.watermark().isPresent()
            ? Math.max(to - windowMicros, previous.overlapSince())
            : to - windowMicros;
    List<String> found =
        summary.rows() == 0 ? List.of() : versionsAfter(connection, queries, since);
    Manifest.Watermark watermark =
        new Manifest.Watermark(
            previous.watermark().map(SourceTimestamp::iso).orElse(null),
            SourceTimestamp.iso(to),
            from == null ? null : SourceTimestamp.iso(from));
    Manifest.Overlap overlap =
        new Manifest.Overlap(
            SourceTimestamp.iso(since),
            OverlapVersions.after(since, previous.overlapVersions(), found));
    return new Manifest.Table(
        summary.rows(),
        objects,
        objects.isEmpty() ? null : CsvCodec.ZSTD.label(),
        table.columns(),
        table.primaryKey(),
        watermark,
        overlap,
        addedColumns);
  }

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "names are quoted, values are literals made by Sql")
  private static List<String> versionsAfter(
      Connection connection, ExtractQueries queries, long since) throws SQLException {
    List<String> versions = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery(queries.versionsAfter(since))) {
      while (r.next()) {
        versions.add(r.getString(1));
      }
    }
    return versions;
  }
}
