package dev.blackwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TimeAndLocaleRulesTest {

  @Test
  void theTestkitKeepsTheRules() {
    // not checkThisModule(): the samples below break the rules on purpose
    TimeAndLocaleRules.check(
        new ClassFileImporter().importPaths(Path.of("target/classes")), TestClock.class);
  }

  @Test
  void everyDefaultLocaleCallIsCaught() {
    EvaluationResult result =
        TimeAndLocaleRules.noDefaultLocale().evaluate(classes(DefaultLocale.class));

    assertThat(result.getFailureReport().getDetails())
        .hasSize(5)
        .anySatisfy(
            line ->
                assertThat(line).contains("String.format(java.lang.String, [Ljava.lang.Object;)"))
        .anySatisfy(line -> assertThat(line).contains("String.toUpperCase()"))
        .anySatisfy(
            line -> assertThat(line).contains("DateTimeFormatter.ofPattern(java.lang.String)"))
        .anySatisfy(line -> assertThat(line).contains("String.formatted([Ljava.lang.Object;)"))
        .anySatisfy(line -> assertThat(line).contains("Locale.getDefault()"));
  }

  @Test
  void theRootLocaleAndAnInjectedClockPass() {
    JavaClasses clean = classes(Clean.class);

    assertThat(TimeAndLocaleRules.noDefaultLocale().evaluate(clean).hasViolation()).isFalse();
    assertThat(TimeAndLocaleRules.noWallClockOutside().evaluate(clean).hasViolation()).isFalse();
  }

  @Test
  void theWallClockIsCaughtOutsideTheCompositionRootsOnly() {
    JavaClasses wall = classes(WallClock.class, WallClock.Inner.class);

    EvaluationResult anywhere = TimeAndLocaleRules.noWallClockOutside().evaluate(wall);
    EvaluationResult rooted = TimeAndLocaleRules.noWallClockOutside(WallClock.class).evaluate(wall);

    assertThat(anywhere.getFailureReport().getDetails())
        .hasSize(4)
        .anySatisfy(line -> assertThat(line).contains("Instant.now()"))
        .anySatisfy(line -> assertThat(line).contains("LocalDate.now(java.time.ZoneId)"))
        .anySatisfy(line -> assertThat(line).contains("Clock.systemUTC()"))
        .anySatisfy(line -> assertThat(line).contains("System.currentTimeMillis()"));
    assertThat(rooted.getFailureReport().getDetails())
        .hasSize(3)
        .noneSatisfy(line -> assertThat(line).contains("Clock.systemUTC()"));
  }

  private static JavaClasses classes(Class<?>... classes) {
    return new ClassFileImporter().importClasses(classes);
  }

  @SuppressWarnings("unused")
  static final class DefaultLocale {
    String all(double amount) {
      return String.format("%.2f", amount)
          + "x".toUpperCase()
          + DateTimeFormatter.ofPattern("yyyy")
          + "%s".formatted(amount)
          + Locale.getDefault();
    }
  }

  @SuppressWarnings("unused")
  static final class Clean {
    String all(double amount, Clock clock) {
      return String.format(Locale.ROOT, "%.2f", amount)
          + "x".toUpperCase(Locale.ROOT)
          + DateTimeFormatter.ofPattern("yyyy", Locale.ROOT)
          + Instant.now(clock)
          + LocalDate.now(clock);
    }
  }

  @SuppressWarnings("unused")
  static final class WallClock {
    Clock clock() {
      return Clock.systemUTC();
    }

    static final class Inner {
      String all() {
        return Instant.now() + " " + LocalDate.now(ZoneId.of("UTC")) + System.currentTimeMillis();
      }
    }
  }
}
