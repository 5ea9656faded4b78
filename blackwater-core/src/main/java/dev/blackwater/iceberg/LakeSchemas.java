package dev.blackwater.iceberg;

import dev.blackwater.warehouse.WarehouseTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg schema of each warehouse table: its processed-zone columns in order, all optional,
 * with field ids 1, 2, 3… by position, the ids the transform writes into its Parquet ({@link
 * #fieldIds}). Facts are partitioned by the month of {@code last_updated_date} (a version lands in
 * the month it was made, so appends touch the newest partitions); dimensions are not partitioned.
 */
public final class LakeSchemas {

  /** The date a fact is partitioned by, by month. */
  public static final String PARTITION_DATE = "last_updated_date";

  /** A deletion table's name is its warehouse table's and this. */
  public static final String DELETED_SUFFIX = "_deleted";

  /**
   * The schema of a deletion table: the processed zone's {@code _deleted/} objects, {@code key} and
   * {@code deleted_at} (NULL for a key that is back), read by name (the transform writes them
   * without field ids).
   */
  public static final Schema DELETIONS_SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "key", Types.IntegerType.get()),
          Types.NestedField.optional(2, "deleted_at", Types.TimestampType.withoutZone()));

  private LakeSchemas() {}

  /** The name of the table of a warehouse table's deletion records. */
  public static String deletionsName(WarehouseTable table) {
    return table.tableName() + DELETED_SUFFIX;
  }

  /** The table's schema. */
  public static Schema schema(WarehouseTable table) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (WarehouseTable.Column column : table.columns()) {
      fields.add(Types.NestedField.optional(id++, column.name(), type(column.type())));
    }
    return new Schema(fields);
  }

  /** Facts: by month of their last update; others: none. */
  public static PartitionSpec spec(WarehouseTable table, Schema schema) {
    return table.kind() == WarehouseTable.Kind.FACT
        ? PartitionSpec.builderFor(schema).month(PARTITION_DATE).build()
        : PartitionSpec.unpartitioned();
  }

  /** The name mapping for Parquet written without field ids (before Iceberg). */
  public static NameMapping nameMapping(Schema schema) {
    return MappingUtil.create(schema);
  }

  /** Column name to field id, as the transform writes them. */
  public static Map<String, Integer> fieldIds(WarehouseTable table) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    schema(table).columns().forEach(f -> ids.put(f.name(), f.fieldId()));
    return ids;
  }

  /** DuckDB's {@code FIELD_IDS} option of a COPY for the table's columns. */
  public static String fieldIdsOption(WarehouseTable table) {
    StringBuilder out = new StringBuilder("FIELD_IDS {");
    String sep = "";
    for (Map.Entry<String, Integer> e : fieldIds(table).entrySet()) {
      out.append(sep).append('\'').append(e.getKey()).append("': ").append(e.getValue());
      sep = ", ";
    }
    return out.append('}').toString();
  }

  private static Type type(String postgres) {
    return switch (postgres) {
      case "integer" -> Types.IntegerType.get();
      case "date" -> Types.DateType.get();
      case "time without time zone" -> Types.TimeType.get();
      case "boolean" -> Types.BooleanType.get();
      case "character varying", "text" -> Types.StringType.get();
      default -> {
        if (postgres.startsWith("numeric(")) {
          String[] ps = postgres.substring(8, postgres.length() - 1).split(",");
          yield Types.DecimalType.of(
              Integer.parseInt(ps[0].trim()), Integer.parseInt(ps[1].trim()));
        }
        throw new IllegalArgumentException("no Iceberg type for " + postgres);
      }
    };
  }
}
