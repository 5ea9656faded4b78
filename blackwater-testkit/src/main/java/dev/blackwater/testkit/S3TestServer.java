package dev.blackwater.testkit;

import com.adobe.testing.s3mock.S3MockApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The S3 protocol server that tests run against: Adobe S3Mock, started in this JVM once per test
 * run on a free loopback port, speaking plain HTTP with path-style addressing. It accepts any
 * credentials. Modules that use it declare {@code com.adobe.testing:s3mock} in test scope.
 */
public final class S3TestServer {

  /** Lets Spring Boot leave logging to whichever SLF4J binding the tests use. */
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private static S3TestServer shared;

  private final URI endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private S3TestServer(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** The server of this test run, started on first use. */
  public static synchronized S3TestServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static S3TestServer start() {
    try {
      Path root = Files.createTempDirectory("blackwater-s3-");
      Map<String, Object> properties = new HashMap<>(); // S3Mock edits the map it is given
      properties.put(S3MockApplication.PROP_HTTP_PORT, "0");
      properties.put(S3MockApplication.PROP_HTTPS_PORT, "0");
      properties.put(S3MockApplication.PROP_SILENT, true);
      properties.put("server.address", "127.0.0.1");
      properties.put("com.adobe.testing.s3mock.store.root", root.toString());
      properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", false);
      S3MockApplication app = S3MockApplication.start(properties);
      // S3Mock leaves a root it was given: the objects of every test of the run (tens of MB)
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    app.stop();
                    deleteTree(root);
                  }));
      return new S3TestServer(URI.create("http://127.0.0.1:" + app.getHttpPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the S3 test server", e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left in the temp folder
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // the JVM is ending: what is left stays in the temp folder
    }
  }

  /** Where to send requests, e.g. {@code http://127.0.0.1:40123}; use path-style addressing. */
  public URI endpoint() {
    return endpoint;
  }

  /** Creates a new, empty bucket with a unique name derived from {@code label}. */
  public TestBucket createBucket(String label) {
    String base = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    String suffix = "-" + BUCKETS.incrementAndGet();
    String name = (base.length() > 50 ? base.substring(base.length() - 50) : base) + suffix;
    name = name.replaceAll("^-+", "b");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/" + name))
                  .PUT(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "could not create test bucket " + name + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not create test bucket " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted creating test bucket " + name, e);
    }
    return new TestBucket(this, name);
  }
}
