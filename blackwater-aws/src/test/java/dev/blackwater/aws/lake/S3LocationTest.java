package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class S3LocationTest {

  @Test
  void keysAreRelativeToThePrefix() {
    S3Location zone = S3Location.of(URI.create("s3://bucket/lake/ingestion"));

    assertThat(zone.bucket()).isEqualTo("bucket");
    assertThat(zone.prefix()).isEqualTo("lake/ingestion/");
    assertThat(zone.key("_batches/x.json")).isEqualTo("lake/ingestion/_batches/x.json");
    assertThat(zone.lakeKey("lake/ingestion/_batches/x.json")).isEqualTo("_batches/x.json");
    assertThat(zone.uri()).hasToString("s3://bucket/lake/ingestion/");
  }

  @Test
  void aBucketAloneHasNoPrefix() {
    assertThat(S3Location.of(URI.create("s3://bucket")).prefix()).isEmpty();
    assertThat(S3Location.of(URI.create("s3://bucket/")).prefix()).isEmpty();
    assertThat(S3Location.of(URI.create("s3://bucket/p/")).prefix()).isEqualTo("p/");
  }

  @Test
  void refusesWhatIsNotAnS3ZoneOrALakeKey() {
    assertThatThrownBy(() -> S3Location.of(URI.create("file:///tmp/x")))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("not an S3 zone");
    S3Location zone = S3Location.of(URI.create("s3://bucket/p"));
    assertThatThrownBy(() -> zone.key("/abs")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> zone.key("")).isInstanceOf(IllegalArgumentException.class);
  }
}
