package dev.blackwater.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.text.SimpleDateFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.stream.Stream;

/**
 * ArchUnit rules that keep the machine's date, zone and locale out of Blackwater: every module
 * applies them to its own classes (see each module's {@code TimeAndLocaleTest}).
 *
 * <ul>
 *   <li>No formatting or case change in the default locale: {@code String.format}, {@code printf}
 *       and {@code toUpperCase} take {@link Locale#ROOT}, a {@link DateTimeFormatter} pattern takes
 *       a locale, and the {@code java.text} formats that read the default are not used.
 *   <li>No "now" but from an injected {@link Clock}, and no default zone: {@code Instant.now()},
 *       {@code LocalDate.now()}, {@code System.currentTimeMillis()}, {@code
 *       ZoneId.systemDefault()}, {@code new Date()} ... are not called. {@code Clock.systemUTC()}
 *       is called only where the program is put together ({@code Main}, a handler's no-argument
 *       constructor) and, in tests, only by {@link TestClock}.
 * </ul>
 */
public final class TimeAndLocaleRules {

  private TimeAndLocaleRules() {}

  /**
   * Checks both rules on the module the test runs in (its {@code target/classes} and {@code
   * target/test-classes}); {@code compositionRoots} may call {@code Clock.systemUTC()}, and so may
   * {@link TestClock}.
   */
  public static void checkThisModule(Class<?>... compositionRoots) {
    JavaClasses classes =
        new ClassFileImporter()
            .importPaths(
                Stream.of("target/classes", "target/test-classes")
                    .map(Path::of)
                    .filter(Files::isDirectory)
                    .toList());
    if (classes.isEmpty()) {
      throw new IllegalStateException(
          "no classes under target/classes or target/test-classes of "
              + Path.of("").toAbsolutePath());
    }
    Class<?>[] roots = Arrays.copyOf(compositionRoots, compositionRoots.length + 1);
    roots[compositionRoots.length] = TestClock.class;
    check(classes, roots);
  }

  /**
   * Checks both rules on {@code classes}; {@code compositionRoots} may call {@code
   * Clock.systemUTC()}.
   */
  public static void check(JavaClasses classes, Class<?>... compositionRoots) {
    noDefaultLocale().check(classes);
    noWallClockOutside(compositionRoots).check(classes);
  }

  /** Formatting in the machine's locale. */
  public static ArchRule noDefaultLocale() {
    return noClasses()
        .should()
        .callCodeUnitWhere(
            anyOf(
                call(String.class, "format", String.class, Object[].class),
                call(String.class, "formatted", Object[].class),
                call(String.class, "toLowerCase"),
                call(String.class, "toUpperCase"),
                call(PrintStream.class, "printf", String.class, Object[].class),
                call(PrintStream.class, "format", String.class, Object[].class),
                call(PrintWriter.class, "printf", String.class, Object[].class),
                call(PrintWriter.class, "format", String.class, Object[].class),
                call(DateTimeFormatter.class, "ofPattern", String.class),
                call(Locale.class, "getDefault"),
                call(NumberFormat.class, "getInstance"),
                call(NumberFormat.class, "getNumberInstance"),
                call(NumberFormat.class, "getPercentInstance"),
                call(NumberFormat.class, "getCurrencyInstance"),
                call(DecimalFormat.class, "<init>", String.class),
                call(SimpleDateFormat.class, "<init>", String.class)))
        .because(
            "data (keys, CSV, SQL, metrics) and messages are written with Locale.ROOT: a German"
                + " machine must not turn 12.50 into 12,50");
  }

  /**
   * "Now" and the zone from the machine rather than from an injected clock; {@code
   * Clock.systemUTC()} only in the classes named.
   */
  public static ArchRule noWallClockOutside(Class<?>... compositionRoots) {
    Set<String> allowed = Set.copyOf(Arrays.stream(compositionRoots).map(Class::getName).toList());
    DescribedPredicate<JavaCall<?>> systemClockOutsideRoots =
        DescribedPredicate.describe(
            "Clock.systemUTC() outside " + allowed,
            c ->
                call(Clock.class, "systemUTC").test(c)
                    && !withinOneOf(c.getOriginOwner(), allowed));
    return noClasses()
        .should()
        .callCodeUnitWhere(
            anyOf(
                systemClockOutsideRoots,
                call(Instant.class, "now"),
                call(LocalDate.class, "now"),
                call(LocalDate.class, "now", ZoneId.class),
                call(LocalDateTime.class, "now"),
                call(LocalDateTime.class, "now", ZoneId.class),
                call(LocalTime.class, "now"),
                call(LocalTime.class, "now", ZoneId.class),
                call(ZonedDateTime.class, "now"),
                call(ZonedDateTime.class, "now", ZoneId.class),
                call(OffsetDateTime.class, "now"),
                call(OffsetDateTime.class, "now", ZoneId.class),
                call(Year.class, "now"),
                call(Year.class, "now", ZoneId.class),
                call(YearMonth.class, "now"),
                call(YearMonth.class, "now", ZoneId.class),
                call(Clock.class, "systemDefaultZone"),
                call(ZoneId.class, "systemDefault"),
                call(TimeZone.class, "getDefault"),
                call(System.class, "currentTimeMillis"),
                call(Date.class, "<init>"),
                anyCall(Calendar.class, "getInstance")))
        .because(
            "\"now\" comes from an injected java.time.Clock (tests: TestClock), and dates in data"
                + " are UTC, never the machine's zone");
  }

  /** Whether {@code c} is one of the {@code classes} or nested in one. */
  private static boolean withinOneOf(JavaClass c, Set<String> classes) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (classes.contains(k.getName())) {
        return true;
      }
    }
    return false;
  }

  @SafeVarargs
  private static DescribedPredicate<JavaCall<?>> anyOf(DescribedPredicate<JavaCall<?>>... calls) {
    List<DescribedPredicate<JavaCall<?>>> all = List.of(calls);
    return DescribedPredicate.describe(
        "one of " + all.stream().map(DescribedPredicate::getDescription).toList(),
        c -> all.stream().anyMatch(p -> p.test(c)));
  }

  /** A call of exactly this method or constructor ({@code "<init>"}). */
  private static DescribedPredicate<JavaCall<?>> call(
      Class<?> owner, String name, Class<?>... parameters) {
    List<String> parameterNames = Arrays.stream(parameters).map(Class::getName).toList();
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + name + "(" + String.join(", ", simple(parameters)) + ")",
        c ->
            c.getTargetOwner().isEquivalentTo(owner)
                && c.getName().equals(name)
                && c.getTarget().getRawParameterTypes().stream()
                    .map(JavaClass::getName)
                    .toList()
                    .equals(parameterNames));
  }

  /** A call of any overload of this method. */
  private static DescribedPredicate<JavaCall<?>> anyCall(Class<?> owner, String name) {
    return DescribedPredicate.describe(
        owner.getSimpleName() + "." + name + "(...)",
        c -> c.getTargetOwner().isEquivalentTo(owner) && c.getName().equals(name));
  }

  private static List<String> simple(Class<?>[] parameters) {
    return Arrays.stream(parameters).map(Class::getSimpleName).toList();
  }
}
