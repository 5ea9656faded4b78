package dev.blackwater.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test a fresh bucket on the shared S3 test server: each {@link TestBucket} parameter
 * resolved is a new, empty bucket. Buckets are left behind; the server's files go when the JVM
 * exits.
 */
public final class S3Extension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestBucket.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    String label =
        context.getRequiredTestClass().getSimpleName()
            + context.getTestMethod().map(m -> "-" + m.getName()).orElse("");
    return S3TestServer.shared().createBucket(label);
  }
}
