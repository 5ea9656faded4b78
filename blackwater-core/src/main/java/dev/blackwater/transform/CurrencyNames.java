package dev.blackwater.transform;

import dev.blackwater.duckdb.DuckDbSession;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ISO 4217 English currency names, from {@link Currency}, as the table {@code currency_names}
 * that the dim_currency model joins.
 */
final class CurrencyNames {

  private static final Logger LOG = LoggerFactory.getLogger(CurrencyNames.class);

  private CurrencyNames() {}

  /** Creates and fills {@code currency_names}. */
  static void create(DuckDbSession duck) throws SQLException {
    duck.execute("CREATE TABLE currency_names (currency_code VARCHAR, currency_name VARCHAR)");
    try (PreparedStatement insert =
        duck.connection().prepareStatement("INSERT INTO currency_names VALUES (?, ?)")) {
      for (Currency currency : Currency.getAvailableCurrencies()) {
        insert.setString(1, currency.getCurrencyCode());
        insert.setString(2, currency.getDisplayName(Locale.ENGLISH));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Logs a warning for each currency code of the batch that has no ISO 4217 name, and returns the
   * warnings.
   */
  static List<String> warnUnknown(DuckDbSession duck) throws SQLException {
    List<String> unknown =
        duck
            .query(
                "SELECT DISTINCT currency_code FROM batch.currency WHERE upper(currency_code)"
                    + " NOT IN (SELECT currency_code FROM currency_names) ORDER BY 1")
            .stream()
            .map(row -> row.get(0))
            .toList();
    List<String> warnings = new ArrayList<>();
    for (String code : unknown) {
      String warning =
          "currency code '"
              + code
              + "' is not an ISO 4217 code: dim_currency keeps the code as its name";
      LOG.warn("{}", warning);
      warnings.add(warning);
    }
    return warnings;
  }
}
