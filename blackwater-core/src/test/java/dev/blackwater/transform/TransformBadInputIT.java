package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blackwater.config.TransformSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.ManifestCodec;
import dev.blackwater.lake.SlowLakeStore;
import dev.blackwater.testkit.TestClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transform on hand-made ingestion batches: values, bad input, chains, races. */
class TransformBadInputIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  private static final String ADDRESS_HEADER =
      "address_id,address_line_1,address_line_2,district,city,postal_code,country,phone,"
          + "created_at,last_updated\n";
  private static final String SALES_HEADER =
      "sales_order_id,created_at,last_updated,design_id,staff_id,counterparty_id,units_sold,"
          + "unit_price,currency_id,agreed_delivery_date,agreed_payment_date,"
          + "agreed_delivery_location_id\n";

  @TempDir Path ingestionDir;
  @TempDir Path processedDir;
  @TempDir Path tempDir;

  private LakeStore ingestion() {
    return new LocalLakeStore(ingestionDir);
  }

  private Transformer transformer(long allowedRejects) {
    return new Transformer(
        ingestion(),
        new LocalLakeStore(processedDir),
        TransformSettings.defaults()
            .withTempDirectory(tempDir)
            .withThreads(1)
            .withMemoryLimit("256MB")
            .withMaxRejectedRows(allowedRejects),
        clock);
  }

  private BlackwaterException failure(Transformer transformer) {
    return catchThrowableOfType(BlackwaterException.class, () -> transformer.transform("bad"));
  }

  /** The failure of a transform of a batch that breaks the contract: it commits nothing. */
  private BlackwaterException contractFailure() {
    BlackwaterException e = failure(transformer(0));
    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertNothingWritten();
    return e;
  }

  @Test
  void aQuotedEmptyFieldStaysEmptyAndAnUnquotedOneIsNull() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "address",
            ADDRESS_HEADER
                + "1,1 High St,\"\",,Leeds,LS1 1AA,UK,0113 000,2024-01-01 09:00:00.5,"
                + "2024-01-02 10:11:12.345\n")
        .commit();

    TransformResult result = transformer(0).transform("values");

    assertThat(result.batches()).singleElement().satisfies(b -> assertThat(b.rows()).isEqualTo(1));
    assertThat(new ProcessedZone(processedDir).dimension("dim_location"))
        .containsExactly("1|1 High St||∅|Leeds|LS1 1AA|UK|0113 000");
    assertThat(result.batches().get(0).tables()).containsEntry("fact_sales_order", 0L);
    Manifest manifest = new ProcessedZone(processedDir).manifests().get(0);
    assertThat(manifest.tables().get("fact_sales_order").objects()).isNullOrEmpty();
    assertThat(manifest.state()).containsOnlyKeys("address");
  }

  @Test
  void aStaffMemberWaitsForTheirDepartmentThenARenameReachesThemFromTheState() {
    String staff =
        "staff_id,first_name,last_name,department_id,email_address,created_at,last_updated\n";
    String department = "department_id,department_name,location,manager,created_at,last_updated\n";
    new IngestionFixture(ingestion(), 1)
        .table(
            "staff",
            staff + "7,Ada,Lovelace,5,ada@example.com,2024-01-01 00:00:00,2024-01-01 00:00:00\n")
        .commit();
    new IngestionFixture(ingestion(), 2)
        .table(
            "department",
            department + "5,Sales,Leeds,Bob,2024-01-01 00:00:00,2024-01-02 00:00:00\n")
        .commit();
    new IngestionFixture(ingestion(), 3)
        .table(
            "department",
            department + "5,Purchasing,York,Bob,2024-01-01 00:00:00,2024-01-03 00:00:00\n")
        .commit();

    TransformResult result = transformer(0).transform("state");

    assertThat(result.batches())
        .extracting(b -> b.tables().get("dim_staff"))
        .containsExactly(0L, 1L, 1L);
    assertThat(result.batches())
        .extracting(ProcessedBatch::warnings)
        .containsExactly(
            List.of(
                "1 staff rows refer to a department the transform has not seen: dim_staff leaves"
                    + " them out until the department arrives"),
            List.of(),
            List.of());
    ProcessedZone zone = new ProcessedZone(processedDir);
    assertThat(zone.dimension("dim_staff"))
        .containsExactly("7|Ada|Lovelace|Purchasing|York|ada@example.com");
    Manifest last = zone.manifests().get(2);
    assertThat(last.state().get("staff").objects().get(0).key())
        .as("unchanged state is carried forward")
        .endsWith(zone.manifests().get(0).batch() + ".parquet");
    assertThat(last.state().get("department").objects().get(0).key())
        .endsWith(last.batch() + ".parquet");
  }

  @Test
  void aCounterpartyWaitsForItsLegalAddressThenTheAddressBringsItIn() {
    String counterparty =
        "counterparty_id,counterparty_legal_name,legal_address_id,commercial_contact,"
            + "delivery_contact,created_at,last_updated\n";
    new IngestionFixture(ingestion(), 1)
        .table(
            "counterparty",
            counterparty
                + "3,Acme Ltd,9,Ann,Ben,2024-01-01 00:00:00,2024-01-01 00:00:00\n"
                + "4,Bolt plc,9,Cat,Dan,2024-01-01 00:00:00,2024-01-01 00:00:00\n")
        .commit();
    new IngestionFixture(ingestion(), 2)
        .table(
            "address",
            ADDRESS_HEADER
                + "9,1 High St,,,Leeds,LS1 1AA,UK,0113 000,2024-01-01 00:00:00,"
                + "2024-01-02 00:00:00\n")
        .commit();

    TransformResult result = transformer(0).transform("counterparties");

    assertThat(result.batches())
        .extracting(b -> b.tables().get("dim_counterparty"))
        .containsExactly(0L, 2L);
    assertThat(result.batches().get(0).warnings())
        .containsExactly(
            "2 counterparty rows refer to a legal address the transform has not seen:"
                + " dim_counterparty leaves them out until the address arrives");
    assertThat(result.batches().get(1).warnings()).isEmpty();
    assertThat(new ProcessedZone(processedDir).dimension("dim_counterparty"))
        .containsExactly(
            "3|Acme Ltd|1 High St|∅|∅|Leeds|LS1 1AA|UK|0113 000",
            "4|Bolt plc|1 High St|∅|∅|Leeds|LS1 1AA|UK|0113 000");
  }

  @Test
  void anUnknownCurrencyCodeKeepsItsCodeAsItsName() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "currency",
            "currency_id,currency_code,created_at,last_updated\n"
                + "1,GBP,2024-01-01 00:00:00,2024-01-01 00:00:00\n"
                + "2,ZZZ,2024-01-01 00:00:00,2024-01-01 00:00:00\n")
        .commit();

    TransformResult result = transformer(0).transform("currencies");

    assertThat(new ProcessedZone(processedDir).dimension("dim_currency"))
        .containsExactly("1|GBP|British Pound", "2|ZZZ|ZZZ");
    assertThat(result.batches().get(0).warnings())
        .containsExactly(
            "currency code 'ZZZ' is not an ISO 4217 code: dim_currency keeps the code as its name");
  }

  @Test
  void aValueOfTheWrongTypeFailsNamingTableObjectAndLine() {
    var batch =
        new IngestionFixture(ingestion(), 1)
            .table("sales_order", SALES_HEADER + salesRow(1, "many", "2.50", "2024-03-01"))
            .commit();

    BlackwaterException e = failure(transformer(0));

    assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(e.getMessage())
        .contains("cannot read sales_order object " + batch.objectKey("sales_order", ".csv.gz"))
        .contains("at line 2")
        .contains("many");
    assertNothingWritten();
  }

  @Test
  void aHeaderThatIsNotTheManifestsColumnsFails() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "currency",
            IngestionFixture.columns(IngestionFixture.COLUMNS.get("currency")),
            "currency_id,code,created_at,last_updated\n1,GBP,2024-01-01 00:00:00,2024-01-01 00:00:00\n",
            1)
        .commit();

    assertThat(contractFailure().getMessage())
        .contains("starts with header 'currency_id,code,created_at,last_updated'");
  }

  @Test
  void aColumnTheModelsNeedMissingFromTheBatchFails() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "currency",
            IngestionFixture.columns(
                "currency_id integer, last_updated timestamp without time zone"),
            "currency_id,last_updated\n1,2024-01-01 00:00:00\n",
            1)
        .commit();

    assertThat(contractFailure().getMessage())
        .contains("table currency of ingestion batch 000001-")
        .contains("lacks column currency_code");
  }

  @Test
  void aTypeTheTransformCannotReadFails() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "currency",
            IngestionFixture.columns(
                "currency_id integer, currency_code tsvector, created_at timestamp without time"
                    + " zone, last_updated timestamp without time zone"),
            "currency_id,currency_code,created_at,last_updated\n1,GBP,2024-01-01 00:00:00,2024-01-01 00:00:00\n",
            1)
        .commit();

    assertThat(contractFailure().getMessage())
        .isEqualTo(
            "column currency.currency_code has type 'tsvector', which the transform cannot read");
  }

  @Test
  void aRowCountOtherThanTheManifestsFails() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "currency",
            IngestionFixture.columns(IngestionFixture.COLUMNS.get("currency")),
            "currency_id,currency_code,created_at,last_updated\n1,GBP,2024-01-01 00:00:00,2024-01-01 00:00:00\n",
            2)
        .commit();

    assertThat(contractFailure().getMessage())
        .contains("has 1 rows in its objects, the manifest says 2");
  }

  @Test
  void aRowCountOtherThanTheManifestsFailsForATableItsModelReadsWhereItLies() {
    new IngestionFixture(ingestion(), 1)
        .table(
            "sales_order",
            IngestionFixture.columns(IngestionFixture.COLUMNS.get("sales_order")),
            SALES_HEADER + salesRow(1, "3", "2.50", "2024-03-01"),
            2)
        .commit();

    assertThat(contractFailure().getMessage())
        .isEqualTo(
            "table sales_order of ingestion batch "
                + new IngestionFixture(ingestion(), 1).id()
                + " has 1 rows in its objects, the manifest says 2");
  }

  @Test
  void malformedRowsFailTheBatchUnlessAllowedThenAreSetAsideAndListed() throws IOException {
    var batch =
        new IngestionFixture(ingestion(), 1)
            .table(
                "sales_order",
                SALES_HEADER
                    + salesRow(1, "3", "2.50", "2024-03-01")
                    + salesRow(2, "3", "2.50", "2024-02-30")
                    + salesRow(3, "3", "2.505", "2024-03-01"))
            .commit();

    BlackwaterException strict = failure(transformer(0));

    assertThat(strict.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(strict.getMessage())
        .startsWith(
            "sales_order row sales_order_id=2 last_updated=2024-01-02 10:00:00 in object "
                + batch.objectKey("sales_order", ".csv.gz")
                + ": agreed_payment_date '2024-02-30' is not a date")
        .contains("has 2 such rows (allowed: 0): nothing committed");
    assertNothingWritten();

    TransformResult lenient = transformer(2).transform("lenient");

    assertThat(lenient.rejectedRows()).isEqualTo(2);
    assertThat(lenient.batches().get(0).rejected()).containsEntry("sales_order", 2L);
    Manifest manifest = new ProcessedZone(processedDir).manifests().get(0);
    String rejectedKey = manifest.rejected().get("sales_order").objects().get(0).key();
    // the processed batch's own day in UTC, whatever the ingestion batch's day or the machine's
    // zone
    LocalDate day = LocalDate.ofInstant(manifest.batchId().time(), ZoneOffset.UTC);
    assertThat(rejectedKey)
        .isEqualTo(
            String.format(
                Locale.ROOT,
                "_rejected/sales_order/%04d/%02d/%02d/%s.csv",
                day.getYear(),
                day.getMonthValue(),
                day.getDayOfMonth(),
                manifest.batch()));
    assertThat(Files.readString(processedDir.resolve(rejectedKey), StandardCharsets.UTF_8))
        .contains("source_table,object_key,row_key,column_name,value,problem")
        .contains(
            "sales_order_id=2 last_updated=2024-01-02 10:00:00,agreed_payment_date,2024-02-30")
        .contains(
            "sales_order_id=3 last_updated=2024-01-02 10:00:00,unit_price,2.505,\"does not fit");
    assertThat(new ProcessedZone(processedDir).facts("fact_sales_order"))
        .singleElement()
        .asString()
        .startsWith("1|2024-01-01|09:30:00.25|2024-01-02|10:00:00|");
  }

  @Test
  void anAmountTooLargeOrTooPreciseForTheWarehouseIsARejectedRowAndNeverRounded()
      throws IOException {
    var batch =
        new IngestionFixture(ingestion(), 1)
            .table(
                "sales_order",
                SALES_HEADER
                    + salesRow(1, "3", "2.50000000", "2024-03-01")
                    + salesRow(2, "3", "12345678901.5", "2024-03-01")
                    + salesRow(3, "3", "2.000000001", "2024-03-01")
                    + salesRow(4, "3", "NaN", "2024-03-01")
                    + salesRow(5, "3", "-99999999.99", "2024-03-01")
                    + salesRow(6, "3", "100000000", "2024-03-01"))
            .commit();

    BlackwaterException strict = failure(transformer(0));

    assertThat(strict.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(strict.getMessage())
        .startsWith(
            "sales_order row sales_order_id=2 last_updated=2024-01-02 10:00:00 in object "
                + batch.objectKey("sales_order", ".csv.gz")
                + ": unit_price '12345678901.5' does not fit numeric(10,2)")
        .contains("has 4 such rows (allowed: 0)");
    assertNothingWritten();

    TransformResult lenient = transformer(4).transform("lenient");

    assertThat(lenient.rejectedRows()).isEqualTo(4);
    String rejectedKey =
        new ProcessedZone(processedDir)
            .manifests()
            .get(0)
            .rejected()
            .get("sales_order")
            .objects()
            .get(0)
            .key();
    assertThat(Files.readString(processedDir.resolve(rejectedKey), StandardCharsets.UTF_8))
        .contains("sales_order_id=2 last_updated=2024-01-02 10:00:00,unit_price,12345678901.5")
        .contains("sales_order_id=3 last_updated=2024-01-02 10:00:00,unit_price,2.000000001")
        .contains("sales_order_id=4 last_updated=2024-01-02 10:00:00,unit_price,NaN")
        .contains("sales_order_id=6 last_updated=2024-01-02 10:00:00,unit_price,100000000");
    assertThat(new ProcessedZone(processedDir).facts("fact_sales_order"))
        .extracting(r -> r.split("\\|")[8])
        .containsExactly("2.50", "-99999999.99");
  }

  @Test
  void aBatchThatDoesNotFollowTheLastTransformedOneFailsNamingBoth() {
    var first =
        new IngestionFixture(ingestion(), 1)
            .table("sales_order", SALES_HEADER + salesRow(1, "3", "2.50", "2024-03-01"))
            .commit();
    new IngestionFixture(ingestion(), 2)
        .parent("000009-20261127T100000Z")
        .table("sales_order", SALES_HEADER + salesRow(2, "3", "2.50", "2024-03-01"))
        .commit();

    BlackwaterException e = failure(transformer(0));

    assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(e.getMessage())
        .contains("follows batch 000009-20261127T100000Z")
        .contains("the last batch transformed is " + first);
    assertThat(new ProcessedZone(processedDir).manifests())
        .singleElement()
        .satisfies(m -> assertThat(m.consumed()).containsExactly(first.toString()));
  }

  @Test
  void aProcessedBatchInTheIngestionZoneIsRefusedNamingItsStage() {
    BatchId id = new BatchId(1, IngestionFixture.T0);
    ingestion()
        .put(
            BatchLog.manifestKey(id),
            ManifestCodec.write(
                Manifest.transform(
                    id,
                    Optional.empty(),
                    id,
                    "elsewhere",
                    IngestionFixture.T0,
                    IngestionFixture.T0,
                    Map.of(),
                    Map.of(),
                    Map.of())));

    BlackwaterException e = failure(transformer(0));

    assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(e.getMessage())
        .isEqualTo("batch " + id + " of the ingestion zone has stage 'transform'");
    assertThat(new ProcessedZone(processedDir).manifests()).isEmpty();
  }

  @Test
  void aCorruptObjectFailsNamingItAndTheNextRunRetriesIt() throws IOException {
    var batch =
        new IngestionFixture(ingestion(), 1)
            .table("sales_order", SALES_HEADER + salesRow(1, "3", "2.50", "2024-03-01"))
            .commit();
    Path object = ingestionDir.resolve(batch.objectKey("sales_order", ".csv.gz"));
    byte[] good = Files.readAllBytes(object);
    byte[] bad = good.clone();
    bad[bad.length / 2] ^= 0x20;
    Files.write(object, bad);

    BlackwaterException corrupt = contractFailure();
    Files.delete(object);
    BlackwaterException missing = contractFailure();
    Files.write(object, good);
    TransformResult retried = transformer(0).transform("retry");

    assertThat(corrupt.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(corrupt.getMessage())
        .startsWith("object " + batch.objectKey("sales_order", ".csv.gz") + " of batch " + batch)
        .contains("is corrupt")
        .containsOnlyOnce("of batch");
    assertThat(missing.code()).isEqualTo(ErrorCode.DATA_QUALITY);
    assertThat(missing.getMessage()).contains(batch + ".csv.gz is missing");
    assertThat(retried.batches()).singleElement().satisfies(b -> assertThat(b.factRows()).isOne());
  }

  @Test
  void nothingToTransformWritesNothing() throws IOException {
    TransformResult empty = transformer(0).transform("empty");

    assertThat(empty.nothingNew()).isTrue();
    assertThat(empty.lastConsumed()).isEmpty();
    assertNothingWritten();
  }

  @Test
  void ofTwoTransformsStartedAtOnceExactlyOneCommits() throws Exception {
    new IngestionFixture(ingestion(), 1)
        .table("sales_order", SALES_HEADER + salesRow(1, "3", "2.50", "2024-03-01"))
        .commit();
    CountDownLatch bothAtClaim = new CountDownLatch(2);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    List<CompletableFuture<String>> runs = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      String run = "run-" + i;
      Transformer racer =
          new Transformer(
              ingestion(),
              new SlowLakeStore(new LocalLakeStore(processedDir), 0, bothAtClaim, false),
              TransformSettings.defaults().withTempDirectory(tempDir).withThreads(1),
              clock);
      runs.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return "committed " + racer.transform(run).batches().get(0).batch();
                } catch (BlackwaterException e) {
                  return e.code() + ": " + e.getMessage();
                }
              },
              threads));
    }
    List<String> outcomes = runs.stream().map(CompletableFuture::join).toList();
    threads.shutdown();

    assertThat(outcomes).filteredOn(o -> o.startsWith("committed 000001-")).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o.startsWith(ErrorCode.CONCURRENCY + ": ")).hasSize(1);
    assertThat(new BatchLog(new LocalLakeStore(processedDir)).committed()).hasSize(1);
    assertThat(transformer(0).transform("after").nothingNew()).isTrue();
  }

  private void assertNothingWritten() {
    try (Stream<Path> files = Files.walk(processedDir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(tempDir).isEmptyDirectory();
  }

  private static String salesRow(int id, String units, String price, String paymentDate) {
    return id
        + ",2024-01-01 09:30:00.25,2024-01-02 10:00:00,1,1,1,"
        + units
        + ","
        + price
        + ",1,2024-02-01,"
        + paymentDate
        + ",1\n";
  }
}
