package dev.blackwater.lake;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.blackwater.Stage;
import dev.blackwater.Version;
import dev.blackwater.catalog.Column;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A committed batch: written last, it is the commit. It names its stage, its parent (the batch
 * committed before it in the same zone), the batches it consumed from the zone before, and per
 * table the objects, columns and watermarks. Stages make one with {@link #extract} or {@link
 * #transform}; the canonical constructor is for reading one back ({@link ManifestCodec}).
 *
 * @param format the manifest format version
 * @param stage {@link Stage#EXTRACT} or {@link Stage#TRANSFORM}, written as its label
 * @param batch this batch's name
 * @param parent the previous batch in this zone, or null for the first
 * @param consumed batches of the previous zone this batch was made from
 * @param runId the run that wrote it
 * @param snapshotTime the source's clock when the extract snapshot was taken (extract only)
 * @param codeVersion the Blackwater version that wrote it
 * @param tables per table: objects, columns, watermarks
 * @param state objects a stage keeps for its next run (the transform's current reference rows)
 * @param rejected per source table, the rows a stage set aside as unusable (the transform's
 *     rejected-rows objects); absent when none were
 * @param keys per source table, the object holding the keys the lake knows to be alive and those it
 *     recorded as deleted (extract only; carried forward while unchanged); absent before hard
 *     deletes were found
 * @param deleted the batch's deletion records: per source table (extract: a CSV of key and
 *     detection time) or per warehouse table (transform: Parquet of the same); absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    int format,
    @JsonSerialize(converter = StageLabel.Writer.class)
        @JsonDeserialize(converter = StageLabel.Reader.class)
        Stage stage,
    String batch,
    String parent,
    List<String> consumed,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String snapshotTime,
    String codeVersion,
    Map<String, Table> tables,
    Map<String, Table> state,
    Map<String, Table> rejected,
    Map<String, Table> keys,
    Map<String, Table> deleted) {

  public static final int FORMAT = 1;

  /**
   * The manifest of an ingestion batch.
   *
   * @param parent the previous batch of the ingestion zone, if any
   * @param snapshotTime the source's clock when the extract's snapshot was taken
   */
  public static Manifest extract(
      BatchId batch,
      Optional<BatchId> parent,
      String runId,
      Instant startedAt,
      Instant finishedAt,
      String snapshotTime,
      Map<String, Table> tables) {
    return new Manifest(
        FORMAT,
        Stage.EXTRACT,
        batch.toString(),
        parent.map(BatchId::toString).orElse(null),
        List.of(),
        runId,
        startedAt,
        finishedAt,
        snapshotTime,
        Version.current(),
        tables,
        null,
        null,
        null,
        null);
  }

  /**
   * The manifest of a processed batch.
   *
   * @param parent the previous batch of the processed zone, if any
   * @param consumed the ingestion batch it was made from
   * @param state the reference rows the next transform starts from; absent from the manifest when
   *     empty
   * @param rejected per source table, the rows set aside; absent from the manifest when empty
   */
  public static Manifest transform(
      BatchId batch,
      Optional<BatchId> parent,
      BatchId consumed,
      String runId,
      Instant startedAt,
      Instant finishedAt,
      Map<String, Table> tables,
      Map<String, Table> state,
      Map<String, Table> rejected) {
    return new Manifest(
        FORMAT,
        Stage.TRANSFORM,
        batch.toString(),
        parent.map(BatchId::toString).orElse(null),
        List.of(consumed.toString()),
        runId,
        startedAt,
        finishedAt,
        null,
        Version.current(),
        tables,
        state.isEmpty() ? null : state,
        rejected.isEmpty() ? null : rejected,
        null,
        null);
  }

  /**
   * This manifest with its live keys and deletion records (either absent from the manifest when
   * empty).
   */
  public Manifest withDeletions(Map<String, Table> newKeys, Map<String, Table> newDeleted) {
    return new Manifest(
        format,
        stage,
        batch,
        parent,
        consumed,
        runId,
        startedAt,
        finishedAt,
        snapshotTime,
        codeVersion,
        tables,
        state,
        rejected,
        newKeys == null || newKeys.isEmpty() ? null : newKeys,
        newDeleted == null || newDeleted.isEmpty() ? null : newDeleted);
  }

  /** The deletion records of a table (rows: how many), or null when the batch has none. */
  public Table deletedOf(String table) {
    return deleted == null ? null : deleted.get(table);
  }

  /** This batch's id. */
  public BatchId batchId() {
    return BatchId.parse(batch);
  }

  /** Total rows over all tables. */
  public long totalRows() {
    return tables.values().stream().mapToLong(Table::rows).sum();
  }

  /**
   * One table of a batch.
   *
   * @param rows rows over all objects
   * @param objects the objects holding the rows (none when nothing changed)
   * @param codec how an ingestion table's objects are compressed ({@link CsvCodec#label()}: {@code
   *     zstd}); absent from batches written before zstd (gzip) and from processed tables (Parquet)
   * @param columns column names and source types, in order
   * @param primaryKey the primary key columns
   * @param watermark what the batch covers, for extracted tables
   * @param overlap row versions near the watermark already stored, for extracted tables
   * @param addedColumns columns accepted since the previous batch (opt-in)
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Table(
      long rows,
      List<ObjectRef> objects,
      String codec,
      List<Column> columns,
      List<String> primaryKey,
      Watermark watermark,
      Overlap overlap,
      List<String> addedColumns) {

    /** A table with only objects, rows and columns. */
    public static Table of(long rows, List<ObjectRef> objects, List<Column> columns) {
      return new Table(rows, objects, null, columns, List.of(), null, null, List.of());
    }

    /**
     * How this ingestion table's objects are compressed: the codec the manifest names, gzip when it
     * names none (written before zstd).
     *
     * @throws dev.blackwater.error.BlackwaterException DATA_QUALITY for a codec this version does
     *     not know
     */
    public CsvCodec csvCodec() {
      try {
        return CsvCodec.named(codec);
      } catch (IllegalArgumentException e) {
        throw new dev.blackwater.error.BlackwaterException(
            dev.blackwater.error.ErrorCode.DATA_QUALITY,
            "objects compressed with '" + codec + "', which this version of Blackwater cannot read",
            e);
      }
    }
  }

  /** An object of a batch, with what is needed to check it. */
  public record ObjectRef(String key, long rows, long bytes, String sha256) {}

  /**
   * The range of {@code last_updated} a batch covers for a table: rows newer than {@code from}
   * (null on the first extract), up to and including {@code to}; the query itself read from {@code
   * selectedFrom} = {@code from} minus the overlap window.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Watermark(String from, String to, String selectedFrom) {}

  /**
   * The row versions with {@code last_updated} after {@code since} that the lake holds: the next
   * extract reads them again (the overlap window) and skips them. Each version is {@code <primary
   * key>|<last_updated>}.
   */
  public record Overlap(String since, List<String> versions) {}
}
