package dev.blackwater.iceberg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files from Parquet footers: a fact file written before Iceberg (no field ids, and here its
 * columns in another order) gets its statistics under the right columns by the table's name
 * mapping, and its partition from its month; a file spanning months becomes one file per month.
 */
class ParquetObjectsTest {

  @TempDir Path dir;

  @Test
  void aFileWithoutFieldIdsIsReadByNameAndAFileSpanningMonthsIsSplit() throws Exception {
    LocalLakeStore zone = new LocalLakeStore(dir.resolve("processed"));
    LakeTables tables =
        new LakeTables(
            new LakeCatalog(
                SqliteCatalogs.open("jdbc:sqlite:" + dir.resolve("catalog.db"), zone),
                LakeCatalog.DEFAULT_NAMESPACE),
            zone,
            dir);
    Table table = tables.table(WarehouseTable.FACT_PAYMENT);
    Path oneMonth = dir.resolve("one.parquet");
    Path twoMonths = dir.resolve("two.parquet");
    Files.createDirectories(dir.resolve("spill"));
    try (DuckDbSession duck = new DuckDbSession("128MB", 1, dir.resolve("spill"))) {
      String rows =
          "SELECT * FROM (VALUES (7, DATE '2024-11-03', 100), (9, DATE '2024-11-20', 250))"
              + " t(payment_id, last_updated_date, transaction_id)";
      // reversed columns and no FIELD_IDS: positions say nothing, names everything
      duck.execute(
          "COPY (SELECT transaction_id, last_updated_date, payment_id FROM ("
              + rows
              + ")) TO "
              + Sql.literal(oneMonth.toString())
              + " (FORMAT parquet)");
      String nulls =
          LakeSql.typedNulls(WarehouseTable.FACT_PAYMENT)
              .replace(" WHERE false", "")
              .replace("CAST(NULL AS INTEGER) AS \"payment_id\"", "v.id AS \"payment_id\"")
              .replace(
                  "CAST(NULL AS DATE) AS \"last_updated_date\"", "v.d AS \"last_updated_date\"");
      duck.execute(
          "COPY ("
              + nulls
              + " FROM (VALUES (1, DATE '2024-10-31'), (2, DATE '2024-11-01')) v(id, d)) TO "
              + Sql.literal(twoMonths.toString())
              + " (FORMAT parquet)");
    }
    ParquetObjects objects = new ParquetObjects(zone, tables.io(), dir);
    int id = table.schema().findField("payment_id").fieldId();
    int date = table.schema().findField("last_updated_date").fieldId();
    int transaction = table.schema().findField("transaction_id").fieldId();

    List<DataFile> one =
        objects.of(
            table,
            "000001-20241120T000000Z",
            new ObjectRef("fact_payment/one.parquet", 2, Files.size(oneMonth), "-"),
            Optional.of(oneMonth));

    assertThat(one).hasSize(1);
    DataFile file = one.get(0);
    assertThat(
            (Integer)
                Conversions.fromByteBuffer(Types.IntegerType.get(), file.lowerBounds().get(id)))
        .isEqualTo(7);
    assertThat(
            (Integer)
                Conversions.fromByteBuffer(
                    Types.IntegerType.get(), file.upperBounds().get(transaction)))
        .isEqualTo(250);
    assertThat(
            LocalDate.ofEpochDay(
                (Integer)
                    Conversions.fromByteBuffer(Types.DateType.get(), file.lowerBounds().get(date))))
        .isEqualTo(LocalDate.of(2024, 11, 3));
    assertThat(file.partition().get(0, Integer.class)).as("months since 1970-01").isEqualTo(658);
    assertThat(file.location()).isEqualTo(tables.io().location("fact_payment/one.parquet"));

    List<DataFile> split =
        objects.of(
            table,
            "000002-20241120T000000Z",
            new ObjectRef("fact_payment/two.parquet", 2, Files.size(twoMonths), "-"),
            Optional.of(twoMonths));

    assertThat(split)
        .extracting(f -> f.partition().get(0, Integer.class))
        .containsExactly(657, 658);
    assertThat(split)
        .extracting(DataFile::location)
        .allMatch(l -> l.contains("/_iceberg/data/fact_payment/000002-20241120T000000Z."));
    assertThat(split).extracting(DataFile::recordCount).containsExactly(1L, 1L);
  }
}
