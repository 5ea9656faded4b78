package dev.blackwater.transform;

import dev.blackwater.catalog.Column;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.lake.ManifestCodec;
import dev.blackwater.lake.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * Writes hand-made ingestion batches into a real lake zone: gzip CSV objects as extract writes them
 * and a committed manifest, so tests can feed the transform exactly the input they need.
 */
final class IngestionFixture {

  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  /** totesys columns and types, as format_type gives them. */
  static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry(
              "address",
              "address_id integer, address_line_1 character varying, address_line_2 character"
                  + " varying, district character varying, city character varying, postal_code"
                  + " character varying, country character varying, phone character varying,"
                  + " created_at timestamp without time zone, last_updated timestamp without"
                  + " time zone"),
          Map.entry(
              "counterparty",
              "counterparty_id integer, counterparty_legal_name character varying,"
                  + " legal_address_id integer, commercial_contact character varying,"
                  + " delivery_contact character varying, created_at timestamp without time zone,"
                  + " last_updated timestamp without time zone"),
          Map.entry(
              "staff",
              "staff_id integer, first_name character varying, last_name character varying,"
                  + " department_id integer, email_address character varying, created_at"
                  + " timestamp without time zone, last_updated timestamp without time zone"),
          Map.entry(
              "department",
              "department_id integer, department_name character varying, location character"
                  + " varying, manager character varying, created_at timestamp without time"
                  + " zone, last_updated timestamp without time zone"),
          Map.entry(
              "currency",
              "currency_id integer, currency_code character varying(3), created_at timestamp"
                  + " without time zone, last_updated timestamp without time zone"),
          Map.entry(
              "sales_order",
              "sales_order_id integer, created_at timestamp without time zone, last_updated"
                  + " timestamp without time zone, design_id integer, staff_id integer,"
                  + " counterparty_id integer, units_sold integer, unit_price numeric,"
                  + " currency_id integer, agreed_delivery_date character varying,"
                  + " agreed_payment_date character varying, agreed_delivery_location_id"
                  + " integer"));

  private final LakeStore lake;
  private final Map<String, Manifest.Table> tables = new LinkedHashMap<>();
  private final long sequence;
  private BatchId parent;

  IngestionFixture(LakeStore lake, long sequence) {
    this.lake = lake;
    this.sequence = sequence;
    this.parent = sequence == 1 ? null : new BatchId(sequence - 1, T0.plusSeconds(sequence - 1));
  }

  BatchId id() {
    return new BatchId(sequence, T0.plusSeconds(sequence));
  }

  /** Names another parent batch. */
  IngestionFixture parent(String newParent) {
    parent = BatchId.parse(newParent);
    return this;
  }

  /** Adds a table whose one object holds {@code csv} (header and rows) under its real columns. */
  IngestionFixture table(String table, String csv) {
    return table(table, columns(COLUMNS.get(table)), csv, csv.strip().split("\n").length - 1);
  }

  /** Adds a table with the given columns and CSV, declaring {@code rows} rows. */
  IngestionFixture table(String table, List<Column> columns, String csv, long rows) {
    String key = id().objectKey(table, ".csv.gz");
    StoredObject stored = lake.put(key, gzip(csv));
    tables.put(
        table,
        Manifest.Table.of(
            rows, List.of(new ObjectRef(key, rows, stored.bytes(), stored.sha256())), columns));
    return this;
  }

  /** Commits the batch: writes its manifest. */
  BatchId commit() {
    Manifest manifest =
        Manifest.extract(
            id(), Optional.ofNullable(parent), "fixture", T0, T0, T0.toString(), tables);
    lake.put(BatchLog.manifestKey(id()), ManifestCodec.write(manifest));
    return id();
  }

  static List<Column> columns(String spec) {
    List<Column> columns = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      int space = p.indexOf(' ');
      columns.add(new Column(p.substring(0, space), p.substring(space + 1)));
    }
    return columns;
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
