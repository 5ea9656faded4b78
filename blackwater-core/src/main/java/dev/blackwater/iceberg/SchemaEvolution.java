package dev.blackwater.iceberg;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an existing Iceberg table to the schema this version writes, as an Iceberg schema update
 * (the old files stay; readers see an added column as NULL in them). The transform writes field ids
 * by column position ({@link LakeSchemas#schema}), so a release may append columns to a table and
 * widen a column's type as Iceberg allows (int to long, a decimal's precision); a column renamed,
 * retyped otherwise or inserted before others would file the new files' values under other columns,
 * and is refused, naming the table and the column, before anything is committed. Columns the table
 * has and this version does not write are kept (NULL in new files).
 */
final class SchemaEvolution {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

  private SchemaEvolution() {}

  /** The table, its schema updated to {@code wanted} first if it differs. */
  static Table evolve(Table table, Schema wanted) {
    Schema have = table.schema();
    if (have.sameSchema(wanted)) {
      return table;
    }
    int nextId = ((HasTableOperations) table).operations().current().lastColumnId() + 1;
    UpdateSchema update = table.updateSchema();
    List<String> added = new ArrayList<>();
    List<String> widened = new ArrayList<>();
    for (Types.NestedField field : wanted.columns()) {
      Types.NestedField existing = have.findField(field.fieldId());
      if (existing == null) {
        if (have.findField(field.name()) != null || field.fieldId() != nextId) {
          throw refused(
              table,
              "the column "
                  + field.name()
                  + " (field id "
                  + field.fieldId()
                  + ") cannot be added: the table "
                  + (have.findField(field.name()) != null
                      ? "has it as field id " + have.findField(field.name()).fieldId()
                      : "would give it field id " + nextId));
        }
        update.addColumn(field.name(), field.type(), field.doc());
        added.add(field.name() + " " + field.type());
        nextId++;
      } else if (!existing.name().equals(field.name())) {
        throw refused(
            table,
            "field id "
                + field.fieldId()
                + " is "
                + existing.name()
                + " in the table and "
                + field.name()
                + " in this version");
      } else if (!existing.type().equals(field.type())) {
        if (!promotable(existing.type(), field.type())) {
          throw refused(
              table,
              "the column "
                  + field.name()
                  + " is "
                  + existing.type()
                  + " in the table and "
                  + field.type()
                  + " in this version, which Iceberg cannot promote");
        }
        update.updateColumn(field.name(), field.type().asPrimitiveType());
        widened.add(field.name() + " " + existing.type() + " to " + field.type());
      }
    }
    if (added.isEmpty() && widened.isEmpty()) {
      return table; // only columns this version no longer writes: kept
    }
    update.commit();
    table
        .updateProperties()
        .set(
            TableProperties.DEFAULT_NAME_MAPPING,
            NameMappingParser.toJson(LakeSchemas.nameMapping(table.schema())))
        .commit();
    LOG.info(
        "evolved Iceberg table {}: added {}, widened {}",
        table.name(),
        added.isEmpty() ? "no column" : added,
        widened.isEmpty() ? "no column" : widened);
    return table;
  }

  private static boolean promotable(Type from, Type to) {
    return from.isPrimitiveType()
        && to.isPrimitiveType()
        && TypeUtil.isPromotionAllowed(from, to.asPrimitiveType());
  }

  private static BlackwaterException refused(Table table, String problem) {
    return new BlackwaterException(
        ErrorCode.CONFIGURATION,
        "the lake's Iceberg table "
            + table.name()
            + " cannot take this version's schema: "
            + problem
            + " (columns may only be appended or widened; see docs/lake-layout.md, \"Schema"
            + " evolution\")");
  }
}
