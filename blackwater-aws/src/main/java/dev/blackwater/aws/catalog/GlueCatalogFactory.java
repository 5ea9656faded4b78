package dev.blackwater.aws.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.AwsProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.aws.s3.S3FileIOProperties;
import org.apache.iceberg.catalog.Catalog;

/**
 * The Iceberg catalog of the processed zone on AWS: Iceberg's {@link GlueCatalog} over the Glue
 * database Terraform creates, its files through {@link S3FileIO}. Both are built by Iceberg's
 * {@link CatalogUtil} from properties made here from explicit {@link GlueCatalogSettings}: the
 * JDK's URL connection as HTTP client (as {@code AwsClients}), the SDK's default credentials chain
 * (the function's role), optimistic commits checked by Glue (no lock manager, no DynamoDB), and S3
 * clients that write every object with {@code If-None-Match: *} ({@link PutIfAbsentS3Clients}),
 * because the zone's bucket policy refuses any other write.
 *
 * <p>Each {@link #open()} builds a new catalog with clients of its own: nothing is kept in static
 * state or read from system properties. Close the catalog when the process is done with it.
 */
public final class GlueCatalogFactory {

  /** The catalog's name, as Iceberg's logs and metrics name it. */
  public static final String CATALOG_NAME = "blackwater";

  private final GlueCatalogSettings settings;

  public GlueCatalogFactory(GlueCatalogSettings settings) {
    this.settings = settings;
  }

  /** A new catalog of the settings' Glue database (no AWS call until a table is used). */
  public Catalog open() {
    return CatalogUtil.loadCatalog(GlueCatalog.class.getName(), CATALOG_NAME, properties(), null);
  }

  /** The Glue database the tables belong to: Iceberg's namespace. */
  public String database() {
    return settings.database();
  }

  /** The catalog properties {@link #open()} builds the catalog from. */
  public Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, settings.warehouse().toString());
    properties.put(CatalogProperties.FILE_IO_IMPL, S3FileIO.class.getName());
    properties.put(S3FileIOProperties.CLIENT_FACTORY, PutIfAbsentS3Clients.class.getName());
    properties.put(
        HttpClientProperties.CLIENT_TYPE, HttpClientProperties.CLIENT_TYPE_URLCONNECTION);
    // Glue keeps no copy of each commit's table version (a commit every five minutes would fill
    // the account's quota of table versions); Iceberg's own metadata is the history
    properties.put(AwsProperties.GLUE_CATALOG_SKIP_ARCHIVE, "true");
    // never delete metadata files: the zone refuses deletes
    properties.put("write.metadata.delete-after-commit.enabled", "false");
    settings.region().ifPresent(r -> properties.put(AwsClientProperties.CLIENT_REGION, r));
    settings
        .glueEndpoint()
        .ifPresent(e -> properties.put(AwsProperties.GLUE_CATALOG_ENDPOINT, e.toString()));
    settings
        .s3Endpoint()
        .ifPresent(
            e -> {
              properties.put(S3FileIOProperties.ENDPOINT, e.toString());
              properties.put(S3FileIOProperties.PATH_STYLE_ACCESS, "true");
            });
    return properties;
  }
}
