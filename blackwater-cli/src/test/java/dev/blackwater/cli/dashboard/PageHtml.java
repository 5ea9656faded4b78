package dev.blackwater.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a written dashboard page in tests (the dashboard's and the demo's). */
public final class PageHtml {

  private PageHtml() {}

  /** The JSON the page embeds as its data. */
  public static String embeddedJson(String html) {
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(html);
    assertThat(m.find()).as("the page embeds its data").isTrue();
    return m.group(1);
  }

  /** How often {@code part} occurs in {@code text}. */
  public static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
