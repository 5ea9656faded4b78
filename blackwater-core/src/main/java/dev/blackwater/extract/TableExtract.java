package dev.blackwater.extract;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.lake.Manifest;
import java.time.Duration;

/**
 * One table's part of an extract.
 *
 * @param table the source table
 * @param rows new row versions written
 * @param skipped rows of the overlap window read again and skipped (already in the lake)
 * @param bytes compressed bytes written
 * @param duration how long the table took, from its COPY to its last object
 * @param entry what goes into the manifest
 */
public record TableExtract(
    String table,
    long rows,
    long skipped,
    long bytes,
    Duration duration,
    @JsonIgnore Manifest.Table entry) {

  /** The new watermark (ISO), or null when the table has never had a row. */
  @JsonProperty
  public String watermark() {
    return entry.watermark() == null ? null : entry.watermark().to();
  }
}
