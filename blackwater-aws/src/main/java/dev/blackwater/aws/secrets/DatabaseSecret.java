package dev.blackwater.aws.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/**
 * Reads a database secret in the shape RDS and most tools use: a JSON object with {@code host},
 * {@code port} (optional, 5432), {@code database} or {@code dbname}, {@code user} or {@code
 * username}, and {@code password}. Messages name the secret and the field, never a value.
 */
final class DatabaseSecret {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_PORT = 5432;

  private DatabaseSecret() {}

  /** The database config in secret {@code secretId} of a database playing {@code role}. */
  static DatabaseConfig parse(String role, String secretId, String secretString) {
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
    String host = text(root, role, secretId, "host");
    String database = text(root, role, secretId, "database", "dbname");
    String user = text(root, role, secretId, "user", "username");
    String password = text(root, role, secretId, "password");
    int port = port(root, role, secretId);
    return new DatabaseConfig(
        role, "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  private static String text(JsonNode root, String role, String secretId, String... names) {
    for (String name : names) {
      JsonNode value = root.get(name);
      if (value != null && value.isValueNode() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    throw new BlackwaterException(
        ErrorCode.CONFIGURATION,
        "secret "
            + secretId
            + " ("
            + role
            + " database) has no '"
            + String.join("' or '", names)
            + "' field");
  }

  private static int port(JsonNode root, String role, String secretId) {
    JsonNode value = root.get("port");
    if (value == null || value.isNull() || value.asText().isBlank()) {
      return DEFAULT_PORT;
    }
    try {
      int port = Integer.parseInt(value.asText().trim());
      if (port < 1 || port > 65_535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "secret " + secretId + " (" + role + " database) has a 'port' that is not a port number");
    }
  }
}
