package dev.blackwater.extract;

import dev.blackwater.catalog.Column;
import dev.blackwater.lake.Manifest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the newest committed batch says of a table: its watermark, the versions of the overlap
 * window it holds, and its columns. Empty for a table never extracted.
 */
record PreviousTable(
    Optional<Long> watermark,
    long overlapSince,
    Set<String> overlapVersions,
    List<Column> columns) {

  static PreviousTable none() {
    return new PreviousTable(Optional.empty(), Long.MIN_VALUE, Set.of(), List.of());
  }

  static PreviousTable of(Manifest.Table table) {
    if (table.watermark() == null || table.watermark().to() == null) {
      return new PreviousTable(Optional.empty(), Long.MIN_VALUE, Set.of(), table.columns());
    }
    long watermark = SourceTimestamp.parseIso(table.watermark().to());
    Manifest.Overlap overlap = table.overlap();
    return overlap == null
        ? new PreviousTable(Optional.of(watermark), watermark, Set.of(), table.columns())
        : new PreviousTable(
            Optional.of(watermark),
            SourceTimestamp.parseIso(overlap.since()),
            Set.copyOf(overlap.versions()),
            table.columns());
  }
}
