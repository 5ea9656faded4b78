package dev.blackwater.extract;

import dev.blackwater.Sql;
import dev.blackwater.catalog.SourceTable;
import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Streams one table's new row versions from {@code COPY (SELECT ...) TO STDOUT (FORMAT csv,
 * HEADER)} straight into gzip objects, row by row as the server sends them: no row objects are
 * kept, only the versions inside the overlap window.
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

  TableExtraction(
      SourceTable table,
      PreviousTable previous,
      ExtractSettings settings,
      LakeStore lake,
      BatchId batch,
      List<String> addedColumns) {
    this.table = table;
    this.addedColumns = List.copyOf(addedColumns);
    this.previous = previous;
    this.settings = settings;
    this.lake = lake;
    this.batch = batch;
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

  String copySql() {
    String columns =
        table.columnNames().stream().map(Sql::identifier).collect(Collectors.joining(", "));
    String sql = "SELECT " + columns + " FROM " + Sql.qualified(table.schema(), table.name());
    Long from = selectFrom();
    if (from != null) {
      sql +=
          " WHERE "
              + Sql.identifier(TableCatalog.LAST_UPDATED)
              + " > "
              + Sql.literal(SourceTimestamp.sql(from))
              + "::timestamp";
    }
    return "COPY (" + sql + ") TO STDOUT (FORMAT csv, HEADER)";
  }

  TableExtract run(Connection connection) throws SQLException, IOException {
    MDC.put("table", table.name());
    try {
      return stream(connection);
    } finally {
      MDC.remove("table");
    }
  }

  private TableExtract stream(Connection connection) throws SQLException, IOException {
    int[] keyPositions = table.primaryKey().stream().mapToInt(table::indexOf).toArray();
    int updatedPosition = table.indexOf(TableCatalog.LAST_UPDATED);
    int[] positions = positions(keyPositions, updatedPosition);
    int updatedSlot = slotOf(positions, updatedPosition);
    int[] keySlots = new int[keyPositions.length];
    for (int i = 0; i < keyPositions.length; i++) {
      keySlots[i] = slotOf(positions, keyPositions[i]);
    }
    long overlapMicros = settings.overlap().toNanos() / 1000;
    long previousWatermark = previous.watermark().orElse(Long.MIN_VALUE);
    OverlapTracker tracker =
        new OverlapTracker(overlapMicros, previous.watermark().orElse(Long.MIN_VALUE / 2));
    for (String version : previous.overlapVersions()) {
      tracker.add(OverlapTracker.micros(version), OverlapTracker.key(version));
    }

    CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql());
    long rows = 0;
    long skipped = 0;
    long started = System.nanoTime();
    long nextProgress = started + PROGRESS_EVERY_NANOS;
    List<ObjectRef> objects;
    byte[] header = copy.readFromCopy();
    if (header == null) {
      throw new IllegalStateException("COPY of " + table.name() + " returned no header");
    }
    try (GzipParts parts =
        new GzipParts(
            lake, batch, table.name(), header, settings.partBytes(), settings.gzipLevel())) {
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        String[] fields = CsvFields.pick(row, row.length, positions);
        long updated = SourceTimestamp.parseCopyText(fields[updatedSlot]);
        if (updated == Long.MIN_VALUE) {
          throw new BlackwaterException(
              ErrorCode.DATA_QUALITY,
              table.name()
                  + " row "
                  + key(fields, keySlots)
                  + " has an unreadable "
                  + TableCatalog.LAST_UPDATED
                  + ": '"
                  + fields[updatedSlot]
                  + "'");
        }
        if (updated <= previousWatermark
            && previous
                .overlapVersions()
                .contains(OverlapTracker.encode(key(fields, keySlots), updated))) {
          skipped++;
          continue;
        }
        parts.write(row);
        rows++;
        if (tracker.wouldKeep(updated) || updated > tracker.newest()) {
          tracker.add(updated, key(fields, keySlots));
        }
        if ((rows & 0xFFF) == 0 && System.nanoTime() > nextProgress) {
          nextProgress = System.nanoTime() + PROGRESS_EVERY_NANOS;
          LOG.info("{}: {} rows so far", table.name(), String.format(Locale.ROOT, "%,d", rows));
        }
      }
      objects = parts.finish();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
    long bytes = objects.stream().mapToLong(ObjectRef::bytes).sum();
    Manifest.Table entry = entry(rows, objects, tracker);
    LOG.info(
        "{}: {} new rows in {} object(s), {} bytes, {} skipped; watermark {}",
        table.name(),
        String.format(Locale.ROOT, "%,d", rows),
        objects.size(),
        String.format(Locale.ROOT, "%,d", bytes),
        String.format(Locale.ROOT, "%,d", skipped),
        entry.watermark() == null ? "none" : entry.watermark().to());
    return new TableExtract(
        table.name(), rows, skipped, bytes, Duration.ofNanos(System.nanoTime() - started), entry);
  }

  private Manifest.Table entry(long rows, List<ObjectRef> objects, OverlapTracker tracker) {
    Long from = selectFrom();
    Manifest.Watermark watermark;
    Manifest.Overlap overlap;
    if (rows == 0 && previous.watermark().isEmpty()) {
      watermark = null;
      overlap = null;
    } else {
      long to = tracker.newest();
      watermark =
          new Manifest.Watermark(
              previous.watermark().map(SourceTimestamp::iso).orElse(null),
              SourceTimestamp.iso(to),
              from == null ? null : SourceTimestamp.iso(from));
      // Never claim to remember versions below what the previous batch remembered: a window made
      // wider takes effect as the watermark moves on, so no version is stored twice.
      long since =
          previous.watermark().isPresent()
              ? Math.max(tracker.since(), previous.overlapSince())
              : tracker.since();
      overlap = new Manifest.Overlap(SourceTimestamp.iso(since), tracker.versions(since));
    }
    return new Manifest.Table(
        rows, objects, table.columns(), table.primaryKey(), watermark, overlap, addedColumns);
  }

  private static String key(String[] fields, int[] keySlots) {
    if (keySlots.length == 1) {
      return fields[keySlots[0]];
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < keySlots.length; i++) {
      if (i > 0) {
        key.append(',');
      }
      key.append(fields[keySlots[i]]);
    }
    return key.toString();
  }

  private static int[] positions(int[] keyPositions, int updatedPosition) {
    return java.util.stream.IntStream.concat(
            java.util.Arrays.stream(keyPositions), java.util.stream.IntStream.of(updatedPosition))
        .distinct()
        .sorted()
        .toArray();
  }

  private static int slotOf(int[] positions, int position) {
    return java.util.Arrays.binarySearch(positions, position);
  }
}
