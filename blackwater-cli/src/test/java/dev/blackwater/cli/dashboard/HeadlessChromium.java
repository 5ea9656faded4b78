package dev.blackwater.cli.dashboard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a page in Debian's headless Chromium, lets its scripts run, and returns the DOM they left
 * and what the page wrote to the console. Network, sync and updates are off: the page gets nothing
 * it does not carry.
 */
final class HeadlessChromium {

  static final Path EXECUTABLE =
      Path.of(System.getProperty("blackwater.chromium", "/usr/bin/chromium"));

  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[^\\]]*\\]\\s*(.*)");
  private static final Pattern SOURCE =
      Pattern.compile("<(script|style)\\b([^>]*)>.*?</\\1>", Pattern.DOTALL);
  private static final Pattern SECTION = Pattern.compile("<section\\b[^>]*\\bdata-chart=[^>]*>");
  private static final Pattern ERRORS =
      Pattern.compile("<pre id=\"errors\" class=\"errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

  /**
   * The DOM after the scripts ran, and the console lines of the page.
   *
   * @param dom the serialised DOM, with the text of script and style elements left out (their
   *     source mentions the markers the checks look for)
   */
  record Rendered(String dom, List<String> console) {

    Rendered {
      dom = SOURCE.matcher(dom).replaceAll("<$1$2></$1>");
    }

    /** Every sign of a broken page: errors, console output, charts without points, no marker. */
    List<String> problems() {
      List<String> problems = new ArrayList<>();
      console.forEach(line -> problems.add("console: " + line));
      if (!"complete".equals(attribute(dom, "html", "data-rendered"))) {
        problems.add("the page never marked itself rendered (data-rendered=\"complete\")");
      }
      if (!"0".equals(attribute(dom, "html", "data-errors"))) {
        problems.add("the page counted errors: " + attribute(dom, "html", "data-errors"));
      }
      Matcher errors = ERRORS.matcher(dom);
      if (!errors.find()) {
        problems.add("no <pre id=\"errors\"> in the page");
      } else if (!errors.group(1).isBlank()) {
        problems.add("recorded errors: " + errors.group(1));
      }
      List<String> charts = charts();
      if (charts.isEmpty()) {
        problems.add("no chart in the page");
      }
      for (String chart : charts) {
        String points = attribute(chart, "section", "data-points");
        if (points == null || Integer.parseInt(points) <= 0) {
          problems.add("empty chart (data-points=" + points + "): " + chart);
        }
      }
      return problems;
    }

    /** The start tags of the chart sections. */
    List<String> charts() {
      List<String> tags = new ArrayList<>();
      Matcher m = SECTION.matcher(dom);
      while (m.find()) {
        tags.add(m.group());
      }
      return tags;
    }

    private static String attribute(String text, String tag, String name) {
      Matcher start = Pattern.compile("<" + tag + "\\b[^>]*>").matcher(text);
      if (!start.find()) {
        return null;
      }
      Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(start.group());
      return m.find() ? m.group(1) : null;
    }
  }

  private HeadlessChromium() {}

  static boolean installed() {
    return Files.isExecutable(EXECUTABLE);
  }

  /** Renders {@code page}, with a fresh profile in {@code profile}. */
  static Rendered render(Path page, Path profile) throws IOException, InterruptedException {
    Path stdout = profile.resolveSibling(profile.getFileName() + ".dom.html");
    Path stderr = profile.resolveSibling(profile.getFileName() + ".stderr");
    Process chromium =
        new ProcessBuilder(
                EXECUTABLE.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1400,1000",
                "--virtual-time-budget=5000",
                "--enable-logging=stderr",
                "--v=0",
                "--dump-dom",
                page.toAbsolutePath().toUri().toString())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    chromium.getOutputStream().close();
    if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
      chromium.destroyForcibly();
      throw new IllegalStateException("chromium did not finish within 60 s");
    }
    String log = Files.readString(stderr, StandardCharsets.UTF_8);
    if (chromium.exitValue() != 0) {
      throw new IllegalStateException("chromium exited with " + chromium.exitValue() + ":\n" + log);
    }
    List<String> console = new ArrayList<>();
    log.lines().map(CONSOLE::matcher).filter(Matcher::find).forEach(m -> console.add(m.group(1)));
    return new Rendered(Files.readString(stdout, StandardCharsets.UTF_8), console);
  }
}
