package dev.blackwater.cli;

import dev.blackwater.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version and the Java running it. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "blackwater " + Version.current(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
