package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LakeLayoutTest {

  private static final BatchId B = BatchId.parse("000042-20261231T235959Z");

  @Test
  void anObjectBelongsToTheBatchItsFileNameStartsWithFinishedOrNot() {
    for (String key :
        List.of(
            "sales_order/2026/12/31/000042-20261231T235959Z.csv.gz",
            "sales_order/2026/12/31/000042-20261231T235959Z.part-00002.csv.gz",
            "sales_order/2026/12/31/000042-20261231T235959Z.csv.zst",
            "fact_sales_order/2026/12/31/000042-20261231T235959Z.parquet",
            "_state/staff/2026/12/31/000042-20261231T235959Z.parquet",
            "_rejected/sales_order/2026/12/31/000042-20261231T235959Z.csv",
            "_batches/000042-20261231T235959Z.json",
            "sales_order/2026/12/31/.000042-20261231T235959Z.csv.gz.0f1e-2d3c.tmp",
            "_batches/.000042-20261231T235959Z.json.0f1e-2d3c.tmp")) {
      assertThat(LakeLayout.batchOf(key)).as(key).contains(B);
    }
    for (String key :
        List.of(
            "README.txt",
            "sales_order/2026/12/31/42-20261231T235959Z.csv.gz",
            "sales_order/2026/12/31/000042-20261231T235959Z",
            "sales_order/2026/12/31/000042-20261332T235959Z.csv.gz",
            "_claims/000042.json",
            "sales_order/000042-20261231T235959Z.csv.gz/notes.txt")) {
      assertThat(LakeLayout.batchOf(key)).as(key).isEmpty();
    }
  }

  @Test
  void manifestsClaimsAndRunAndGcRecordsAreBookkeeping() {
    assertThat(LakeLayout.isBookkeeping("_batches/000042-20261231T235959Z.json")).isTrue();
    assertThat(LakeLayout.isBookkeeping("_claims/000042.json")).isTrue();
    assertThat(LakeLayout.isBookkeeping("_runs/2026/12/31/235959.000Z-load-success-r.json"))
        .isTrue();
    assertThat(LakeLayout.isBookkeeping("_gc/2026/12/31/235959.000Z-r.json")).isTrue();
    assertThat(LakeLayout.isBookkeeping("_state/staff/2026/12/31/000042-20261231T235959Z.parquet"))
        .isFalse();
    assertThat(LakeLayout.isBookkeeping("_rejected/x/2026/12/31/000042-20261231T235959Z.csv"))
        .isFalse();
    assertThat(LakeLayout.isBookkeeping("item/2026/12/31/000042-20261231T235959Z.csv.gz"))
        .isFalse();
  }

  @Test
  void aClaimsKeyTellsItsSequenceAndADatedRecordsKeyTheEndOfItsDay() {
    assertThat(LakeLayout.claimedSequence("_claims/000042.json")).hasValue(42);
    assertThat(LakeLayout.claimedSequence("_claims/.1234567.json.ab12.tmp")).hasValue(1234567);
    assertThat(LakeLayout.claimedSequence("_claims/notes.json")).isEmpty();
    assertThat(LakeLayout.claimedSequence("item/000042.json")).isEmpty();

    assertThat(LakeLayout.dayEndOf("_runs/2026/12/31/.235959.000Z-load-success-r.json.a.tmp"))
        .contains(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(LakeLayout.dayEndOf("_gc/2026/02/28/000000.000Z-r.json"))
        .contains(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(LakeLayout.dayEndOf("_runs/2026/02/30/x.json")).isEmpty();
    assertThat(LakeLayout.dayEndOf("item/2026/12/31/x.json")).isEmpty();
  }

  @Test
  void aManifestNamesItsTablesStateAndRejectedObjects() {
    Manifest manifest =
        Manifest.transform(
            B,
            Optional.empty(),
            B,
            "r",
            B.time(),
            B.time(),
            Map.of("dim_staff", table("a"), "dim_date", Manifest.Table.of(0, List.of(), List.of())),
            Map.of("staff", table("b")),
            Map.of("sales_order", table("c")));

    assertThat(LakeLayout.namedBy(manifest)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(
            LakeLayout.namedBy(
                Manifest.extract(
                    B, Optional.empty(), "r", B.time(), B.time(), "t", Map.of("item", table("d")))))
        .containsExactly("d");
  }

  private static Manifest.Table table(String key) {
    return Manifest.Table.of(1, List.of(new Manifest.ObjectRef(key, 1, 1, "sha")), List.of());
  }
}
