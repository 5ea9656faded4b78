package dev.blackwater.config;

import dev.blackwater.config.Setting.Group;
import java.util.List;

/** docs/configuration.md, written from the table of {@link Settings}. */
public final class SettingsReference {

  private SettingsReference() {}

  /** The reference page as Markdown. */
  public static String markdown() {
    StringBuilder page = new StringBuilder();
    page.append("# Configuration reference\n\n")
        .append("<!-- Generated from blackwater-core's Settings by SettingsReference; do not edit:")
        .append(" SettingsReferenceTest fails when this page and the table differ, and rewrites")
        .append(" it when run with -Dblackwater.docs.write=true. -->\n\n")
        .append("Every setting is given the same way everywhere: as an option on the command line")
        .append(" (`--overlap 5m`), as an environment variable (`BLACKWATER_OVERLAP=5m`, which is")
        .append(" how the Lambda functions take them, from Terraform), or in a `.env` file in the")
        .append(" working directory. Options beat the environment, the environment beats `.env`.")
        .append(" A malformed value stops the command before it connects to anything, with exit")
        .append(" code 3 and a line naming the option and the variable. Secrets (passwords) are")
        .append(" never printed or logged.\n\n")
        .append("Commands take the settings they use: `run` all of the pipeline's, `extract` the")
        .append(
            " source, lake, extract and AWS ones, `transform` the lake, work, transform and AWS")
        .append(" ones, `load` the warehouse, lake, work and AWS ones; `lake gc` the lake and AWS")
        .append(" ones (its `--older-than` defaults to `gc-grace`); `status`, `verify`,")
        .append(" `dashboard` and `warehouse` those of the parts they read.\n");
    for (Group group : Group.values()) {
      List<Setting> settings = Settings.of(group);
      page.append("\n## ")
          .append(Character.toUpperCase(group.title().charAt(0)))
          .append(group.title().substring(1))
          .append("\n\n| option | environment | value | default | meaning |\n")
          .append("|---|---|---|---|---|\n");
      for (Setting s : settings) {
        page.append("| `")
            .append(s.flag())
            .append("` | `")
            .append(s.variable())
            .append("` | ")
            .append(s.type().text())
            .append(s.secret() ? ", secret" : "")
            .append(" | ")
            .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`")
            .append(" | ")
            .append(s.description().replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return page.toString();
  }
}
