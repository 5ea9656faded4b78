package dev.blackwater.cli;

import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.TestClock;

/**
 * {@link Main} in a child JVM ({@link ChildJvm}), reading "now" from the test's clock rather than
 * the system's.
 */
public final class MainOnTestClock {

  private MainOnTestClock() {}

  public static void main(String[] args) {
    System.exit(Main.run(Composition.forProcess(TestClock.ticking()), args));
  }
}
