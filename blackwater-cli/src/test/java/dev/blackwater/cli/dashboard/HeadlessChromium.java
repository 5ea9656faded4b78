package dev.blackwater.cli.dashboard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Opens a page in Debian's headless Chromium, lets its scripts run, and returns the DOM they left
 * and what the page wrote to the console, or a screenshot of the whole page. Network, sync and
 * updates are off: the page gets nothing it does not carry. Both are taken at the same width, with
 * no scroll bars and one device pixel per CSS pixel, so the boxes the page reports in its DOM are
 * where its charts are in the screenshot.
 */
final class HeadlessChromium {

  static final Path EXECUTABLE =
      Path.of(System.getProperty("blackwater.chromium", "/usr/bin/chromium"));

  /** The window's width, in CSS pixels (and screenshot pixels). */
  static final int WIDTH = 1400;

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

    /** The whole {@code <section data-chart="view">} element of a chart, as serialised. */
    String chart(String view) {
      Matcher m =
          Pattern.compile(
                  "<section\\b[^>]*\\bdata-chart=\"" + view + "\"[^>]*>.*?</section>",
                  Pattern.DOTALL)
              .matcher(dom);
      if (!m.find()) {
        throw new AssertionError("no chart " + view + " in the page");
      }
      return m.group();
    }

    /**
     * Where each chart's plot is on the page, by view, from its {@code data-box} ({@code
     * x,y,width,height} in CSS pixels from the page's top left).
     */
    Map<String, int[]> boxes() {
      Map<String, int[]> boxes = new LinkedHashMap<>();
      for (String tag : charts()) {
        String view = attribute(tag, "section", "data-chart");
        String box = attribute(tag, "section", "data-box");
        if (box == null) {
          throw new AssertionError("chart " + view + " reports no data-box: " + tag);
        }
        String[] parts = box.split(",");
        int[] numbers = new int[4];
        for (int i = 0; i < 4; i++) {
          numbers[i] = Integer.parseInt(parts[i].trim());
        }
        boxes.put(view, numbers);
      }
      return boxes;
    }

    /**
     * The full names of a chart's categories, in order: the {@code <title>} of each category label
     * (the label itself may be shortened to fit).
     */
    List<String> categories(String view) {
      return all(chart(view), "<text\\b[^>]*class=\"category\"[^>]*>.*?<title>(.*?)</title>");
    }

    /** The tooltips of a chart's marks (points, bars), in the order they were drawn. */
    List<String> marks(String view) {
      return all(chart(view), "<(?:g|rect)\\b[^>]*class=\"mark\"[^>]*>.*?<title>(.*?)</title>");
    }

    /** The row of a chart's zero line ({@code line.axis}) from the top of its plot, in pixels. */
    int zeroLine(String view) {
      List<String> y = all(chart(view), "<line\\b[^>]*\\by1=\"([-0-9.]+)\"[^>]*class=\"axis\"");
      if (y.isEmpty()) {
        throw new AssertionError("chart " + view + " draws no zero line");
      }
      return (int) Math.round(Double.parseDouble(y.get(0)));
    }

    private static List<String> all(String text, String regex) {
      List<String> found = new ArrayList<>();
      Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
      while (m.find()) {
        found.add(m.group(1));
      }
      return found;
    }

    /** The height of the whole page in CSS pixels, as the page reported it. */
    int height() {
      String height = attribute(dom, "html", "data-height");
      if (height == null) {
        throw new AssertionError("the page reports no data-height");
      }
      return Integer.parseInt(height);
    }

    /** The start tag of the element with {@code id}. */
    String startTag(String id) {
      Matcher m = Pattern.compile("<\\w+\\b[^>]*\\bid=\"" + id + "\"[^>]*>").matcher(dom);
      if (!m.find()) {
        throw new AssertionError("no element #" + id + " in the page");
      }
      return m.group();
    }

    /** The text of the element with {@code id}, tags left out. */
    String text(String id) {
      Matcher m =
          Pattern.compile("<(\\w+)\\b[^>]*\\bid=\"" + id + "\"[^>]*>(.*?)</\\1>", Pattern.DOTALL)
              .matcher(dom);
      if (!m.find()) {
        throw new AssertionError("no element #" + id + " in the page");
      }
      return m.group(2).replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    }

    /** An attribute of the first {@code tag} element in {@code text}, or null. */
    static String attribute(String text, String tag, String name) {
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
    String log = run(page, profile, 1000, stdout, stderr, "--dump-dom");
    List<String> console = new ArrayList<>();
    log.lines().map(CONSOLE::matcher).filter(Matcher::find).forEach(m -> console.add(m.group(1)));
    return new Rendered(Files.readString(stdout, StandardCharsets.UTF_8), console);
  }

  /**
   * A screenshot of the whole of {@code page} ({@code height} CSS pixels tall, {@link
   * Rendered#height()}), kept beside {@code profile} as a PNG.
   */
  static BufferedImage screenshot(Path page, Path profile, int height)
      throws IOException, InterruptedException {
    Path png = profile.resolveSibling(profile.getFileName() + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    run(
        page,
        profile.resolveSibling(profile.getFileName() + "-screenshot"),
        height,
        profile.resolveSibling(profile.getFileName() + ".screenshot.out"),
        profile.resolveSibling(profile.getFileName() + ".screenshot.stderr"),
        "--screenshot=" + png);
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null) {
      throw new IllegalStateException("chromium wrote no screenshot to " + png);
    }
    return image;
  }

  /** Runs Chromium on {@code page} with one headless command; returns its log. */
  private static String run(
      Path page, Path profile, int height, Path stdout, Path stderr, String command)
      throws IOException, InterruptedException {
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
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=" + WIDTH + "," + height,
                "--virtual-time-budget=5000",
                "--enable-logging=stderr",
                "--v=0",
                command,
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
    return log;
  }
}
