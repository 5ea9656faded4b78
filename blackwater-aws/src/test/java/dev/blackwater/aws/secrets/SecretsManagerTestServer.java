package dev.blackwater.aws.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny in-process server speaking Secrets Manager's GetSecretValue JSON protocol, so that the
 * real client, signing and error parsing run in tests. Ids starting with {@code denied} are
 * refused; unknown ids are not found.
 */
public final class SecretsManagerTestServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private SecretsManagerTestServer(HttpServer server) {
    this.server = server;
  }

  /** A server on a free loopback port. */
  public static SecretsManagerTestServer start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      SecretsManagerTestServer server = new SecretsManagerTestServer(http);
      http.createContext("/", server::answer);
      http.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void answer(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode request = JSON.readTree(exchange.getRequestBody());
    String id = request.path("SecretId").asText();
    requested.add(target + " " + id);
    int status;
    String body;
    if (id.startsWith("denied")) {
      status = 400;
      body = error("AccessDeniedException", "not allowed");
    } else if (!secrets.containsKey(id)) {
      status = 400;
      body = error("ResourceNotFoundException", "Secrets Manager can't find the secret.");
    } else {
      status = 200;
      body =
          JSON.createObjectNode()
              .put("ARN", "arn:aws:secretsmanager:eu-west-2:123456789012:secret:" + id)
              .put("Name", id)
              .put("SecretString", secrets.get(id))
              .put("VersionId", "v1")
              .toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String error(String type, String message) {
    return JSON.createObjectNode().put("__type", type).put("message", message).toString();
  }

  /** Sets a secret's value. */
  public void put(String id, String value) {
    secrets.put(id, value);
  }

  /** Every request so far, as {@code <X-Amz-Target> <SecretId>}. */
  public List<String> requested() {
    return requested;
  }

  /** Where clients reach it. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
