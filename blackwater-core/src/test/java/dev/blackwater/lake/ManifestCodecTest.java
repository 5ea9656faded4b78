package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Stage;
import dev.blackwater.Version;
import dev.blackwater.catalog.Column;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Manifests keep their JSON byte for byte. The files next to this test hold manifests as Blackwater
 * wrote them before stages made them with the factories (the same values through the positional
 * constructor), with the code version as {@code @VERSION@}; they stand for the lakes that exist.
 */
class ManifestCodecTest {

  private static final BatchId INGESTION = BatchId.parse("000002-20261231T235959Z");
  private static final BatchId PROCESSED = BatchId.parse("000007-20270101T000003Z");
  private static final Instant STARTED = Instant.parse("2026-12-31T23:59:59.123456Z");
  private static final Instant FINISHED = Instant.parse("2027-01-01T00:00:01.5Z");

  private static Manifest extract() {
    return Manifest.extract(
        INGESTION,
        Optional.of(BatchId.parse("000001-20261231T235958Z")),
        "run-1",
        STARTED,
        FINISHED,
        "2026-12-31T23:59:59.120000",
        Map.of("staff", extracted()));
  }

  private static Manifest transform(
      Map<String, Manifest.Table> state, Map<String, Manifest.Table> rejected) {
    Map<String, Manifest.Table> tables = new LinkedHashMap<>();
    tables.put("dim_staff", table("dim_staff", 2));
    tables.put("fact_sales_order", table("fact_sales_order", 0));
    return Manifest.transform(
        PROCESSED,
        Optional.empty(),
        INGESTION,
        "run-2",
        STARTED,
        FINISHED,
        tables,
        state,
        rejected);
  }

  private static Manifest.Table extracted() {
    return new Manifest.Table(
        3,
        List.of(
            new Manifest.ObjectRef(
                INGESTION.objectKey("staff", ".csv.gz"), 3, 120, "ab".repeat(32))),
        null,
        List.of(new Column("staff_id", "integer"), new Column("first_name", "text")),
        List.of("staff_id"),
        new Manifest.Watermark(
            "2026-12-31T23:00:00.000000",
            "2026-12-31T23:59:58.999000",
            "2026-12-31T22:45:00.000000"),
        new Manifest.Overlap("2026-12-31T23:44:58.999000", List.of("1|2026-12-31T23:59:58.999000")),
        List.of("first_name"));
  }

  private static Manifest.Table table(String name, long rows) {
    return Manifest.Table.of(
        rows,
        rows == 0
            ? List.of()
            : List.of(
                new Manifest.ObjectRef(
                    PROCESSED.objectKey(name, ".parquet"), rows, 900, "cd".repeat(32))),
        List.of(new Column(name + "_id", "integer")));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = ManifestCodecTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("@VERSION@", Version.current());
    }
  }

  private static Manifest.Table rejectedRows() {
    return Manifest.Table.of(
        2,
        List.of(
            new Manifest.ObjectRef(
                PROCESSED.objectKey("_rejected/sales_order", ".csv"), 2, 50, "ef".repeat(32))),
        List.of());
  }

  private static void assertSameJson(Manifest manifest, String file) throws IOException {
    String json = resource(file);
    assertThat(new String(ManifestCodec.write(manifest), StandardCharsets.UTF_8)).isEqualTo(json);
    Manifest read = ManifestCodec.read(file, json.getBytes(StandardCharsets.UTF_8));
    assertThat(read.stage()).isEqualTo(manifest.stage());
    assertThat(new String(ManifestCodec.write(read), StandardCharsets.UTF_8)).isEqualTo(json);
  }

  @Test
  void anExtractManifestIsWrittenAndReadAsBefore() throws IOException {
    assertSameJson(extract(), "extract-manifest.json");
  }

  @Test
  void aTransformManifestIsWrittenAndReadAsBefore() throws IOException {
    assertSameJson(
        transform(Map.of("staff", table("staff", 1)), Map.of("sales_order", rejectedRows())),
        "transform-manifest.json");
  }

  @Test
  void emptyStateAndRejectedRowsAreLeftOut() throws IOException {
    Manifest plain = transform(Map.of(), Map.of());

    assertThat(plain.state()).isNull();
    assertThat(plain.rejected()).isNull();
    assertSameJson(plain, "transform-plain-manifest.json");
  }

  @Test
  void theStageIsReadFromItsLabel() throws IOException {
    String json = resource("extract-manifest.json");

    assertThat(extract().stage()).isEqualTo(Stage.EXTRACT);
    assertThat(transform(Map.of(), Map.of()).stage()).isEqualTo(Stage.TRANSFORM);
    assertThat(ManifestCodec.read("m", json.getBytes(StandardCharsets.UTF_8)).stage())
        .isEqualTo(Stage.EXTRACT);
  }

  @Test
  void anUnknownStageIsRefusedNamingTheManifest() throws IOException {
    byte[] json =
        resource("extract-manifest.json")
            .replace("\"stage\" : \"extract\"", "\"stage\" : \"EXTRACT\"")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ManifestCodec.read("_batches/x.json", json))
        .isInstanceOfSatisfying(
            BlackwaterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("manifest _batches/x.json")
        .hasMessageContaining("no stage is called 'EXTRACT'");
  }

  @Test
  void aManifestWrittenBeforeZstdNamesNoCodecAndItsObjectsAreGzip() throws IOException {
    Manifest old =
        ManifestCodec.read(
            "old", resource("extract-manifest.json").getBytes(StandardCharsets.UTF_8));

    assertThat(old.tables().get("staff").codec()).isNull();
    assertThat(old.tables().get("staff").csvCodec()).isEqualTo(CsvCodec.GZIP);
  }

  @Test
  void theCodecIsWrittenAndReadBack() {
    Manifest.Table staff = extracted();
    Manifest.Table zstd =
        new Manifest.Table(
            staff.rows(),
            staff.objects(),
            CsvCodec.ZSTD.label(),
            staff.columns(),
            staff.primaryKey(),
            staff.watermark(),
            staff.overlap(),
            staff.addedColumns());
    Manifest manifest =
        Manifest.extract(
            INGESTION, Optional.empty(), "run-1", STARTED, FINISHED, "x", Map.of("staff", zstd));

    String json = new String(ManifestCodec.write(manifest), StandardCharsets.UTF_8);
    Manifest read = ManifestCodec.read("m", json.getBytes(StandardCharsets.UTF_8));

    assertThat(json).contains("\"codec\" : \"zstd\"");
    assertThat(read.tables().get("staff").csvCodec()).isEqualTo(CsvCodec.ZSTD);
  }

  @Test
  void aCodecThisVersionDoesNotKnowIsADataQualityError() {
    Manifest.Table table =
        new Manifest.Table(1, List.of(), "brotli", List.of(), List.of(), null, null, List.of());

    assertThatThrownBy(table::csvCodec)
        .isInstanceOfSatisfying(
            BlackwaterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("'brotli'");
  }
}
