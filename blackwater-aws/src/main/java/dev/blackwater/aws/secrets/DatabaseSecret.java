package dev.blackwater.aws.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a database secret in the shape RDS and most tools use: a JSON object with {@code host},
 * {@code port} (optional, 5432), {@code database} or {@code dbname}, {@code user} or {@code
 * username}, and {@code password}. A secret RDS manages for a database's master user holds only
 * {@code username} and {@code password}: host, port and database then come from the configured JDBC
 * URL (the secret's fields win where it has them; the URL's parameters are kept). Messages name the
 * secret and the field, never a value.
 */
final class DatabaseSecret {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_PORT = 5432;

  private DatabaseSecret() {}

  /** The database config in secret {@code secretId} of a database playing {@code role}. */
  static DatabaseConfig parse(String role, String secretId, String secretString) {
    return parse(role, secretId, secretString, null);
  }

  /**
   * The database config in secret {@code secretId}, what it lacks of the location taken from {@code
   * url} (a JDBC URL, or null).
   */
  static DatabaseConfig parse(String role, String secretId, String secretString, String url) {
    JsonNode root;
    try {
      root = JSON.readTree(secretString);
    } catch (JsonProcessingException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) is not a JSON object");
    }
    if (root == null || !root.isObject()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) is not a JSON object");
    }
    Optional<URI> base = base(url);
    String host =
        text(root, "host")
            .or(() -> base.map(URI::getHost))
            .orElseThrow(() -> missing(role, secretId, "host"));
    String database =
        text(root, "database", "dbname")
            .or(() -> base.map(u -> u.getPath().replaceFirst("^/", "")).filter(d -> !d.isEmpty()))
            .orElseThrow(() -> missing(role, secretId, "database", "dbname"));
    String user =
        text(root, "user", "username")
            .orElseThrow(() -> missing(role, secretId, "user", "username"));
    String password = text(root, "password").orElseThrow(() -> missing(role, secretId, "password"));
    int port =
        port(root, role, secretId)
            .orElseGet(() -> base.map(URI::getPort).filter(p -> p > 0).orElse(DEFAULT_PORT));
    String parameters = base.map(URI::getRawQuery).map(q -> "?" + q).orElse("");
    return new DatabaseConfig(
        role,
        "jdbc:postgresql://" + host + ":" + port + "/" + database + parameters,
        user,
        password);
  }

  private static Optional<URI> base(String url) {
    if (url == null || !url.startsWith("jdbc:postgresql://")) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(url.substring("jdbc:".length()));
      return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> text(JsonNode root, String... names) {
    for (String name : names) {
      JsonNode value = root.get(name);
      if (value != null && value.isValueNode() && !value.asText().isBlank()) {
        return Optional.of(value.asText());
      }
    }
    return Optional.empty();
  }

  private static BlackwaterException missing(String role, String secretId, String... names) {
    boolean location = names[0].equals("host") || names[0].equals("database");
    return new BlackwaterException(
        ErrorCode.CONFIGURATION,
        "secret "
            + secretId
            + " ("
            + role
            + " database) has no '"
            + String.join("' or '", names)
            + "' field"
            + (location
                ? " (a secret RDS manages holds only username and password: set --"
                    + role
                    + "-url (BLACKWATER_"
                    + role.toUpperCase(Locale.ROOT)
                    + "_URL) to the database's JDBC URL)"
                : ""));
  }

  private static Optional<Integer> port(JsonNode root, String role, String secretId) {
    JsonNode value = root.get("port");
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(value.asText().trim());
      if (port < 1 || port > 65_535) {
        throw new NumberFormatException();
      }
      return Optional.of(port);
    } catch (NumberFormatException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) has a 'port' that is not a port number");
    }
  }
}
