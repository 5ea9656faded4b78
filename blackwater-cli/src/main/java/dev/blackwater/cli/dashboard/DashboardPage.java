package dev.blackwater.cli.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.blackwater.ResultJson;
import dev.blackwater.cli.stage.StatusCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link DashboardSnapshot} as one self-contained HTML page: the template, styles and
 * scripts under {@code dashboard/page/} inlined, the view results embedded as JSON that the page's
 * own SVG renderer draws. Nothing is fetched when the page is viewed.
 */
final class DashboardPage {

  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z-]+)}}");
  private static final DateTimeFormatter GENERATED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final String template = asset("dashboard.html");
  private final Map<String, String> assets =
      Map.of(
          "errors-js", asset("errors.js"),
          "css", asset("dashboard.css"),
          "charts-js", asset("charts.js"),
          "dashboard-js", asset("dashboard.js"));

  /** The page. */
  String render(DashboardSnapshot snapshot) {
    Map<String, String> slots = new LinkedHashMap<>(assets);
    slots.put("generated", html(GENERATED.format(snapshot.generatedAt())));
    slots.put("warehouse", html(snapshot.warehouse()));
    slots.put("schema", html(snapshot.schema()));
    slots.put(
        "newest-change",
        html(snapshot.newestChange().map(DashboardPage::sourceTime).orElse("no facts yet")));
    slots.put("fresh-as-of", html(freshAsOf(snapshot)));
    slots.put("data", json(snapshot));
    slots.put(
        "notice",
        snapshot.empty()
            ? "<p class=\"notice\" id=\"empty\">The warehouse holds no sales orders, purchase"
                + " orders or payments yet: load some batches (<code>blackwater load</code>) and"
                + " write the dashboard again.</p>"
            : "");
    Matcher slot = SLOT.matcher(template);
    return slot.replaceAll(
        m -> {
          String value = slots.get(m.group(1));
          if (value == null) {
            throw new IllegalStateException("the page template has an unknown slot " + m.group());
          }
          return Matcher.quoteReplacement(value);
        });
  }

  /**
   * How fresh the warehouse is, in words: when it last held every change of the source and how long
   * before the page that was, or why that is not known. Never the age of the newest change: a quiet
   * source is not a stale warehouse.
   */
  static String freshAsOf(DashboardSnapshot snapshot) {
    return snapshot
        .freshAsOf()
        .map(
            at ->
                GENERATED.format(at)
                    + ", "
                    + StatusCommand.duration(Duration.between(at, snapshot.generatedAt()))
                    + " before this page")
        .orElse("not known (blackwater dashboard tells it when given the lake, as status does)");
  }

  /** A source timestamp (ISO local date-time) to the second, as the page shows it. */
  static String sourceTime(String iso) {
    String text = iso.replace('T', ' ');
    int fraction = text.indexOf('.');
    return fraction < 0 ? text : text.substring(0, fraction);
  }

  /** The snapshot as JSON that is safe inside a {@code <script>} element. */
  static String json(DashboardSnapshot snapshot) {
    Map<String, Object> views = new LinkedHashMap<>();
    snapshot
        .views()
        .forEach(
            (view, result) ->
                views.put(
                    view.viewName(), Map.of("columns", result.columns(), "rows", result.rows())));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("generatedAt", snapshot.generatedAt().toString());
    page.put("warehouse", snapshot.warehouse());
    page.put("schema", snapshot.schema());
    page.put("freshAsOf", snapshot.freshAsOf().map(Instant::toString).orElse(null));
    page.put("newestChange", snapshot.newestChange().orElse(null));
    page.put("empty", snapshot.empty());
    page.put("views", views);
    try {
      return scriptSafe(ResultJson.mapper().writeValueAsString(page));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the dashboard data", e);
    }
  }

  /**
   * JSON with {@code <}, {@code >}, {@code &} and the JavaScript line separators written as {@code
   * \}{@code uXXXX} escapes: the same JSON, but no {@code </script>} or {@code <!--} can end the
   * element early. These characters only ever occur inside JSON strings, where the escape means the
   * same character.
   */
  static String scriptSafe(String json) {
    StringBuilder out = new StringBuilder(json.length() + 16);
    for (int i = 0; i < json.length(); i++) {
      char ch = json.charAt(i);
      switch (ch) {
        case '<', '>', '&', '\u2028', '\u2029' ->
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  /** Text escaped for HTML element content and quoted attribute values. */
  static String html(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }

  private static String asset(String name) {
    String resource = "/dashboard/page/" + name;
    try (InputStream in = DashboardPage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
