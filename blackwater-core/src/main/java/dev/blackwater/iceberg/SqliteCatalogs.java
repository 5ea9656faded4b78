package dev.blackwater.iceberg;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.jdbc.JdbcClientPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local catalog: Iceberg's JDBC catalog over a SQLite file, no server. The setting {@code
 * catalog} chooses it: {@code auto} puts the file beside a local processed zone ({@code
 * <zone>/_iceberg/catalog.db}) and gives a remote zone none (its catalog comes from the composition
 * root, e.g. Glue on AWS); {@code none} turns Iceberg off; {@code jdbc:sqlite:<file>} puts the file
 * where it says, for any zone.
 */
public final class SqliteCatalogs implements CatalogFactory {

  private static final Logger LOG = LoggerFactory.getLogger(SqliteCatalogs.class);

  /** Where a local zone's catalog file is, under the zone. */
  public static final String CATALOG_KEY = LakeTables.PREFIX + "catalog.db";

  private final String setting;

  /**
   * @param setting {@code auto}, {@code none} or {@code jdbc:sqlite:<file>}
   */
  public SqliteCatalogs(String setting) {
    String s = setting == null ? "auto" : setting.trim();
    if (!s.equals("auto") && !s.equals("none") && !s.startsWith("jdbc:sqlite:")) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "catalog "
              + s
              + " is not auto, none or jdbc:sqlite:<file> (the local Iceberg catalog's file)");
    }
    this.setting = s;
  }

  @Override
  public Optional<LakeCatalog> open(LakeStore processed) {
    String url;
    if (setting.equals("none")) {
      return Optional.empty();
    } else if (setting.equals("auto")) {
      if (!"file".equals(processed.uri().getScheme())) {
        LOG.debug(
            "no Iceberg catalog for {}: a remote zone's catalog is given by --catalog or the"
                + " deployment",
            processed.uri());
        return Optional.empty();
      }
      Path file = Path.of(processed.uri()).resolve(CATALOG_KEY);
      url = "jdbc:sqlite:" + file;
    } else {
      url = setting;
    }
    return Optional.of(new LakeCatalog(open(url, processed), LakeCatalog.DEFAULT_NAMESPACE));
  }

  /** A JDBC catalog over the SQLite database at {@code url}, its files in {@code zone}. */
  public static JdbcCatalog open(String url, LakeStore zone) {
    Path file = Path.of(url.substring("jdbc:sqlite:".length()));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of the catalog " + file, e);
    }
    LakeFileIO io = new LakeFileIO(zone);
    JdbcCatalog catalog =
        new JdbcCatalog(properties -> io, properties -> new JdbcClientPool(url, properties), true);
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, url);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, io.location("_iceberg"));
    // SQLite takes one writer: one connection, and waits for a lock rather than failing
    properties.put(CatalogProperties.CLIENT_POOL_SIZE, "1");
    properties.put("jdbc.busy_timeout", "30000");
    // the catalog's current table layout (with views), not the legacy one it warns about
    properties.put("jdbc.schema-version", "V1");
    catalog.initialize("blackwater", properties);
    LOG.debug("Iceberg catalog {} for {}", url, zone.uri());
    return catalog;
  }
}
