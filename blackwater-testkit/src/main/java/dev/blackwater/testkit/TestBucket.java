package dev.blackwater.testkit;

import java.net.URI;

/** One bucket of the S3 test server. */
public record TestBucket(S3TestServer server, String name) {

  /** The server's endpoint (path-style, any credentials). */
  public URI endpoint() {
    return server.endpoint();
  }

  /** A lake zone in this bucket: {@code s3://<name>/<prefix>}. */
  public URI zone(String prefix) {
    return URI.create("s3://" + name + "/" + prefix);
  }

  @Override
  public String toString() {
    return "s3://" + name + " at " + server.endpoint();
  }
}
