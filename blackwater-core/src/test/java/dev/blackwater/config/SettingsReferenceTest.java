package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is the table of settings, written out. */
class SettingsReferenceTest {

  private static final Path PAGE = Path.of("..", "docs", "configuration.md");

  @Test
  void theReferencePageIsTheTable() throws IOException {
    String generated = SettingsReference.markdown();
    if (Boolean.getBoolean("blackwater.docs.write")) {
      Files.writeString(PAGE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(PAGE, StandardCharsets.UTF_8))
        .as(
            "docs/configuration.md differs from the Settings table: run ./mvnw test -pl"
                + " blackwater-testkit,blackwater-core -Dtest=SettingsReferenceTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dblackwater.docs.write=true")
        .isEqualTo(generated);
    for (Setting setting : Settings.ALL) {
      assertThat(generated).contains("`" + setting.flag() + "` | `" + setting.variable() + "`");
    }
  }

  @Test
  void everySettingHasItsOwnFlagAndVariable() {
    assertThat(Settings.ALL).extracting(Setting::flag).doesNotHaveDuplicates();
    assertThat(Settings.ALL).extracting(Setting::variable).doesNotHaveDuplicates();
    assertThat(Settings.named("--overlap")).contains(Settings.OVERLAP);
    assertThat(Settings.named("BLACKWATER_S3_ENDPOINT")).contains(Settings.S3_ENDPOINT);
  }
}
