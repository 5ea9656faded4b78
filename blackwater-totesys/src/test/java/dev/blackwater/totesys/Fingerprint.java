package dev.blackwater.totesys;

import dev.blackwater.testkit.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/** An md5 of a table's rows in id order, to compare two databases' contents. */
final class Fingerprint {

  private Fingerprint() {}

  /** Fingerprints of every table's whole rows. */
  static Map<String, String> of(TestDatabase db) {
    Map<String, String> prints = new LinkedHashMap<>();
    for (String table : TotesysSchema.tables()) {
      prints.put(table, of(db, table, "t::text"));
    }
    return prints;
  }

  /** Fingerprint of {@code row}, an expression over the table's alias {@code t}. */
  static String of(TestDatabase db, String table, String row) {
    return db.queryString(
        "SELECT md5(string_agg("
            + row
            + ", E'\\n' ORDER BY "
            + table
            + "_id)) FROM "
            + TotesysSchema.quoted(table)
            + " t");
  }
}
