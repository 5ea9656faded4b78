package dev.blackwater.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.warehouse.WarehouseTable;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lake's table written by an older release is brought to this release's schema: appended columns
 * are added with the field ids the transform writes, widened types promoted, and anything that
 * would file values under the wrong column is refused before a commit.
 */
class SchemaEvolutionTest {

  private final InMemoryCatalog catalog = new InMemoryCatalog();

  @BeforeEach
  void open() {
    catalog.initialize("test", Map.of());
    catalog.createNamespace(Namespace.of("lake"));
  }

  private Table table(Schema schema) {
    return catalog.createTable(
        TableIdentifier.of("lake", "t"), schema, PartitionSpec.unpartitioned(), Map.of());
  }

  private static Schema schema(Types.NestedField... fields) {
    return new Schema(List.of(fields));
  }

  private static Types.NestedField column(int id, String name, org.apache.iceberg.types.Type type) {
    return Types.NestedField.optional(id, name, type);
  }

  /** Evolving {@code table} to {@code wanted} fails with a configuration error naming both. */
  private static void assertRefused(Table table, Schema wanted, String problem) {
    assertThatThrownBy(() -> SchemaEvolution.evolve(table, wanted))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("lake.t")
        .hasMessageContaining(problem)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION));
  }

  @Test
  void aFactTableOfAnOlderReleaseGainsTheColumnsAppendedSince() {
    Schema wanted = LakeSchemas.schema(WarehouseTable.FACT_PAYMENT);
    List<Types.NestedField> columns = wanted.columns();
    Table older = table(new Schema(columns.subList(0, columns.size() - 2)));

    Table evolved = SchemaEvolution.evolve(older, wanted);

    assertThat(evolved.schema().sameSchema(wanted)).as(evolved.schema().toString()).isTrue();
    Table reloaded = catalog.loadTable(TableIdentifier.of("lake", "t"));
    assertThat(reloaded.schema().sameSchema(wanted)).isTrue();
    assertThat(
            NameMappingParser.fromJson(
                    reloaded.properties().get(TableProperties.DEFAULT_NAME_MAPPING))
                .find(columns.get(columns.size() - 1).name()))
        .as("files without field ids find the new column by name")
        .isNotNull();
    assertThat(SchemaEvolution.evolve(reloaded, wanted).schema().schemaId())
        .as("nothing more to do")
        .isEqualTo(reloaded.schema().schemaId());
  }

  @Test
  void aWiderTypeIsPromotedAndAColumnNoLongerWrittenIsKept() {
    Table older =
        table(
            schema(
                column(1, "id", Types.IntegerType.get()),
                column(2, "amount", Types.DecimalType.of(10, 2)),
                column(3, "note", Types.StringType.get())));

    Table evolved =
        SchemaEvolution.evolve(
            older,
            schema(
                column(1, "id", Types.LongType.get()),
                column(2, "amount", Types.DecimalType.of(12, 2))));

    assertThat(evolved.schema().findType("id")).isEqualTo(Types.LongType.get());
    assertThat(evolved.schema().findType("amount")).isEqualTo(Types.DecimalType.of(12, 2));
    assertThat(evolved.schema().findField("note")).as("kept").isNotNull();
  }

  @Test
  void aRenamedRetypedOrInsertedColumnIsRefusedBeforeAnyCommit() {
    Table older =
        table(
            schema(
                column(1, "id", Types.IntegerType.get()),
                column(2, "name", Types.StringType.get())));
    int schemaId = older.schema().schemaId();
    Types.NestedField id = column(1, "id", Types.IntegerType.get());

    assertRefused(
        older,
        schema(id, column(2, "label", Types.StringType.get())),
        "field id 2 is name in the table and label in this version");
    assertRefused(
        older,
        schema(id, column(2, "name", Types.DateType.get())),
        "the column name is string in the table and date in this version");
    assertRefused(
        older,
        schema(
            id,
            column(2, "name", Types.StringType.get()),
            column(4, "skipped_an_id", Types.StringType.get())),
        "skipped_an_id (field id 4) cannot be added: the table would give it field id 3");
    assertThat(catalog.loadTable(TableIdentifier.of("lake", "t")).schema().schemaId())
        .as("nothing committed")
        .isEqualTo(schemaId);
  }
}
