package dev.blackwater.verify;

import dev.blackwater.Sql;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * {@code verify}: reconciles source, lake and warehouse, so a user can see that nothing was lost.
 * The source is compared as of the watermarks of the last loaded batch: keys changed in the source
 * since then are left out on both sides, so a live source does not cause false alarms.
 */
public final class Verifier {

  private final Database source;
  private final LakeStore ingestion;
  private final LakeStore processed;
  private final WarehouseSchema warehouse;
  private final boolean validates;

  /**
   * @param validates whether Blackwater owns the warehouse schema (migrate mode), so that verify
   *     has PostgreSQL validate the foreign keys a bulk load added {@code NOT VALID}
   */
  public Verifier(
      DatabaseConfig source,
      LakeStore ingestion,
      LakeStore processed,
      WarehouseSchema warehouse,
      boolean validates) {
    this.source = new Database(source);
    this.ingestion = ingestion;
    this.processed = processed;
    this.warehouse = warehouse;
    this.validates = validates;
  }

  public VerifyReport verify() {
    List<Check> checks = new ArrayList<>();
    BatchLog ingested = new BatchLog(ingestion);
    BatchLog transformed = new BatchLog(processed);
    List<BatchId> ingestionBatches = ingested.committed();
    List<Manifest> processedManifests =
        transformed.committed().stream().map(transformed::read).toList();
    try (Connection dw = warehouse.database().open()) {
      WarehouseState state = new WarehouseState(dw, warehouse);
      Set<String> loaded = state.loadedBatches();
      batchChecks(checks, ingestionBatches, processedManifests, loaded);
      Map<String, String> watermarks = watermarks(ingested, processedManifests, loaded);
      for (WarehouseTable fact : WarehouseTable.facts()) {
        versionChecks(checks, dw, state, fact, processedManifests, loaded);
      }
      try (Connection src = source.open()) {
        for (Comparison comparison : Comparison.ALL) {
          checks.add(compare(src, dw, comparison, watermarks));
        }
      } catch (SQLException e) {
        throw source.failure(e);
      }
      for (WarehouseTable fact : WarehouseTable.facts()) {
        checks.add(foreignKeys(dw, fact.tableName()));
      }
      checks.add(validated(dw));
    } catch (SQLException e) {
      throw warehouse.database().failure(e);
    }
    return new VerifyReport(checks);
  }

  private static void batchChecks(
      List<Check> checks,
      List<BatchId> ingestionBatches,
      List<Manifest> processed,
      Set<String> loaded) {
    Set<String> consumed =
        processed.stream().flatMap(m -> m.consumed().stream()).collect(Collectors.toSet());
    List<String> untransformed =
        ingestionBatches.stream()
            .map(BatchId::toString)
            .filter(b -> !consumed.contains(b))
            .toList();
    checks.add(
        new Check(
            "ingestion batches transformed",
            "",
            ingestionBatches.size() + " committed",
            "",
            untransformed.isEmpty(),
            untransformed.isEmpty() ? "" : "not transformed: " + summary(untransformed)));
    List<String> unloaded =
        processed.stream().map(Manifest::batch).filter(b -> !loaded.contains(b)).toList();
    checks.add(
        new Check(
            "processed batches loaded",
            "",
            processed.size() + " committed",
            loaded.size() + " loaded",
            unloaded.isEmpty(),
            unloaded.isEmpty() ? "" : "not loaded: " + summary(unloaded)));
  }

  private void versionChecks(
      List<Check> checks,
      Connection dw,
      WarehouseState state,
      WarehouseTable fact,
      List<Manifest> processed,
      Set<String> loaded)
      throws SQLException {
    long inLake =
        processed.stream()
            .filter(m -> loaded.contains(m.batch()))
            .map(m -> m.tables().get(fact.tableName()))
            .filter(java.util.Objects::nonNull)
            .mapToLong(Manifest.Table::rows)
            .sum();
    // the final versions that mark deletions are the loader's, not the lake's
    long finals =
        scalar(
            dw,
            "SELECT count(*) FROM "
                + warehouse.qualified(fact.tableName())
                + " WHERE deleted_at IS NOT NULL");
    long inWarehouse = state.rows(fact) - finals;
    long deletionRecords =
        processed.stream()
            .filter(m -> loaded.contains(m.batch()))
            .map(m -> m.deletedOf(fact.tableName()))
            .filter(java.util.Objects::nonNull)
            .mapToLong(Manifest.Table::rows)
            .sum();
    checks.add(
        new Check(
            fact.tableName() + " deletions",
            "",
            format(deletionRecords) + " records",
            format(finals) + " final versions",
            finals <= deletionRecords,
            finals <= deletionRecords
                ? ""
                : "more final versions than the loaded batches' deletion records"));
    checks.add(
        new Check(
            fact.tableName() + " versions",
            "",
            format(inLake),
            format(inWarehouse),
            inLake == inWarehouse,
            inLake == inWarehouse
                ? ""
                : "the warehouse holds "
                    + Math.abs(inWarehouse - inLake)
                    + (inWarehouse > inLake ? " versions more" : " versions fewer")
                    + " than the loaded batches"));
    String key = fact.versionKey().stream().collect(Collectors.joining(", "));
    long duplicates =
        scalar(
            dw,
            "SELECT count(*) FROM (SELECT 1 FROM "
                + warehouse.qualified(fact.tableName())
                + " GROUP BY "
                + key
                + " HAVING count(*) > 1) d");
    checks.add(
        new Check(
            fact.tableName() + " duplicate versions",
            "",
            "",
            format(duplicates),
            duplicates == 0,
            duplicates == 0 ? "" : duplicates + " versions appear more than once"));
  }

  /** Per source table, the watermark of the ingestion batch behind the last loaded batch. */
  private static Map<String, String> watermarks(
      BatchLog ingested, List<Manifest> processed, Set<String> loaded) {
    Map<String, String> watermarks = new HashMap<>();
    Manifest lastLoaded = null;
    for (Manifest m : processed) {
      if (loaded.contains(m.batch())) {
        lastLoaded = m;
      }
    }
    if (lastLoaded == null || lastLoaded.consumed().isEmpty()) {
      return watermarks;
    }
    List<String> consumed = lastLoaded.consumed();
    Manifest behind = ingested.read(BatchId.parse(consumed.get(consumed.size() - 1)));
    behind
        .tables()
        .forEach(
            (table, entry) -> {
              if (entry.watermark() != null && entry.watermark().to() != null) {
                watermarks.put(table, entry.watermark().to());
              }
            });
    return watermarks;
  }

  @SuppressFBWarnings(
      value = "SQL_PREPARED_STATEMENT_GENERATED_FROM_NONCONSTANT_STRING",
      justification = "the SQL comes from the constant comparisons; values are bound")
  private Check compare(Connection src, Connection dw, Comparison c, Map<String, String> watermarks)
      throws SQLException {
    String changedSince = changedCondition(c);
    List<Object> keysLeftOut = new ArrayList<>();
    String sourceWith = "WITH q AS (" + c.sourceSql() + ") ";
    try (PreparedStatement s =
        src.prepareStatement(sourceWith + "SELECT k FROM q WHERE " + changedSince)) {
      bindWatermarks(s, c, watermarks);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keysLeftOut.add(r.getObject(1));
        }
      }
    }
    String aggregate =
        c.sums().isEmpty()
            ? "count(*), md5(string_agg(line, E'\\n' ORDER BY k))"
            : "count(*), md5(string_agg(line, E'\\n' ORDER BY k)), sum(s1), sum(s2)";
    String[] fromSource;
    try (PreparedStatement s =
        src.prepareStatement(
            sourceWith + "SELECT " + aggregate + " FROM q WHERE NOT (" + changedSince + ")")) {
      bindWatermarks(s, c, watermarks);
      fromSource = row(s, c);
    }
    String[] fromWarehouse;
    try (PreparedStatement s =
        dw.prepareStatement(
            "WITH q AS ("
                + String.format(
                    Locale.ROOT, c.warehouseSql(), Sql.identifier(warehouse.schema()) + ".")
                + ") SELECT "
                + aggregate
                + " FROM q WHERE NOT (k = ANY (?))")) {
      s.setArray(1, dw.createArrayOf("integer", keysLeftOut.toArray()));
      fromWarehouse = row(s, c);
    }
    boolean ok = java.util.Arrays.equals(fromSource, fromWarehouse);
    String detail = "";
    if (!ok) {
      detail =
          !fromSource[0].equals(fromWarehouse[0])
              ? "different numbers of rows"
              : "different values (checksum "
                  + shortHash(fromSource[1])
                  + " vs "
                  + shortHash(fromWarehouse[1])
                  + ")";
    }
    if (!keysLeftOut.isEmpty()) {
      detail =
          (detail.isEmpty() ? "" : detail + "; ")
              + keysLeftOut.size()
              + " keys changed since the last load left out";
    }
    return new Check(c.name(), describe(fromSource, c), "", describe(fromWarehouse, c), ok, detail);
  }

  private static String changedCondition(Comparison c) {
    List<String> parts = new ArrayList<>();
    for (int i = 1; i <= c.sourceTables().size(); i++) {
      parts.add("u" + i + " > ?::timestamp");
    }
    return "(" + String.join(" OR ", parts) + ")";
  }

  private static void bindWatermarks(
      PreparedStatement s, Comparison c, Map<String, String> watermarks) throws SQLException {
    for (int i = 0; i < c.sourceTables().size(); i++) {
      String watermark = watermarks.get(c.sourceTables().get(i));
      s.setString(i + 1, watermark == null ? "-infinity" : watermark.replace('T', ' '));
    }
  }

  private static String[] row(PreparedStatement s, Comparison c) throws SQLException {
    try (ResultSet r = s.executeQuery()) {
      r.next();
      int columns = c.sums().isEmpty() ? 2 : 4;
      String[] values = new String[columns];
      for (int i = 0; i < columns; i++) {
        values[i] = String.valueOf(r.getString(i + 1));
      }
      return values;
    }
  }

  private static String describe(String[] values, Comparison c) {
    StringBuilder text = new StringBuilder(format(Long.parseLong(values[0])) + " rows");
    for (int i = 0; i < c.sums().size(); i++) {
      text.append(", ").append(c.sums().get(i)).append(' ').append(values[i + 2]);
    }
    return text.toString();
  }

  /**
   * The foreign keys PostgreSQL has not validated yet (a bulk load adds them {@code NOT VALID},
   * having checked every row itself): validated now, each in a transaction of its own, when
   * Blackwater owns the schema. A key that fails validation fails this check with PostgreSQL's own
   * message.
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "DDL takes no parameters; names come from the catalogue, quoted")
  private Check validated(Connection dw) throws SQLException {
    List<String[]> pending = new ArrayList<>();
    long all = 0;
    try (PreparedStatement s =
        dw.prepareStatement(
            "SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname), quote_ident(c.conname),"
                + " c.convalidated FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid"
                + " JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE c.contype = 'f' AND n.nspname = ? AND t.relname = ANY (?)"
                + " ORDER BY t.relname, c.conname")) {
      s.setString(1, warehouse.schema());
      s.setArray(
          2,
          dw.createArrayOf(
              "text", WarehouseTable.facts().stream().map(WarehouseTable::tableName).toArray()));
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          all++;
          if (!r.getBoolean(3)) {
            pending.add(new String[] {r.getString(1), r.getString(2)});
          }
        }
      }
    }
    if (pending.isEmpty() || !validates) {
      return new Check(
          "foreign keys validated",
          "",
          "",
          (all - pending.size()) + " of " + all + " valid",
          true,
          pending.isEmpty()
              ? ""
              : pending.size() + " NOT VALID, left as the schema's owner made them");
    }
    List<String> failed = new ArrayList<>();
    try (Statement s = dw.createStatement()) {
      for (String[] key : pending) {
        try {
          s.execute("ALTER TABLE " + key[0] + " VALIDATE CONSTRAINT " + key[1]);
        } catch (SQLException e) {
          ServerErrorMessage server =
              e instanceof PSQLException p ? p.getServerErrorMessage() : null;
          failed.add(
              key[1]
                  + ": "
                  + (server == null
                      ? BlackwaterException.firstLine(e)
                      : server.getMessage()
                          + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")")));
        }
      }
    }
    return new Check(
        "foreign keys validated",
        "",
        "",
        (all - failed.size()) + " of " + all + " valid",
        failed.isEmpty(),
        failed.isEmpty()
            ? pending.size() + " validated now (added NOT VALID by a bulk load)"
            : "validation failed: " + String.join("; ", failed));
  }

  private Check foreignKeys(Connection dw, String fact) throws SQLException {
    List<ForeignKey> keys = ForeignKey.ALL.stream().filter(k -> k.fact().equals(fact)).toList();
    List<String> broken = new ArrayList<>();
    for (ForeignKey key : keys) {
      long missing =
          scalar(
              dw,
              "SELECT count(*) FROM "
                  + warehouse.qualified(key.fact())
                  + " f WHERE NOT EXISTS (SELECT 1 FROM "
                  + warehouse.qualified(key.dimension())
                  + " d WHERE d."
                  + key.key()
                  + " = f."
                  + key.column()
                  + ")");
      if (missing > 0) {
        broken.add(key.column() + " -> " + key.dimension() + ": " + format(missing) + " rows");
      }
    }
    return new Check(
        fact + " keys in dimensions",
        "",
        "",
        (keys.size() - broken.size()) + " of " + keys.size() + " keys hold",
        broken.isEmpty(),
        broken.isEmpty() ? "" : "missing " + String.join("; ", broken));
  }

  private static long scalar(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static String shortHash(String md5) {
    return md5.substring(0, Math.min(8, md5.length()));
  }

  private static String summary(List<String> batches) {
    return batches.size() <= 3
        ? String.join(", ", batches)
        : batches.get(0) + " ... " + batches.get(batches.size() - 1) + " (" + batches.size() + ")";
  }

  private static String format(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
