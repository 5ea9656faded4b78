package dev.blackwater.cli;

import dev.blackwater.testkit.TestClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;

/**
 * Runs the command line in-process and captures what it prints. Every command line it runs reads
 * "now" from one clock, so a test's runs follow each other in time as a user's do.
 */
public final class Cli {

  public record Outcome(int exitCode, String out, String err) {
    public String all() {
      return out + err;
    }
  }

  private final Clock clock;

  /** Command lines on a {@link TestClock#ticking()} clock of their own. */
  public Cli() {
    this(TestClock.ticking());
  }

  public Cli(Clock clock) {
    this.clock = clock;
  }

  /** The clock the command lines read. */
  public Clock clock() {
    return clock;
  }

  public Outcome run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine(
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                Composition.forProcess(clock))
            .execute(args);
    return new Outcome(code, out.toString(), err.toString());
  }
}
