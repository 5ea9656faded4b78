package dev.blackwater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Stage results as JSON: what {@code --json} prints and what the Lambda handlers return. */
public final class ResultJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new Jdk8Module())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);

  private ResultJson() {}

  /** The shared mapper (do not reconfigure). */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** A result as pretty JSON. */
  public static String write(Object result) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + result.getClass().getSimpleName(), e);
    }
  }
}
