package dev.blackwater.lake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;

/** Manifests to and from JSON. */
public final class ManifestCodec {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ManifestCodec() {}

  /** The manifest as pretty JSON. */
  public static byte[] write(Manifest manifest) {
    try {
      return JSON.writeValueAsBytes(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write manifest " + manifest.batch(), e);
    }
  }

  /** Reads a manifest, naming {@code key} when it is not one. */
  public static Manifest read(String key, byte[] json) {
    try {
      Manifest manifest = JSON.readValue(json, Manifest.class);
      if (manifest.batch() == null || manifest.tables() == null) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY, "manifest " + key + " lacks its batch name or tables");
      }
      return manifest;
    } catch (IOException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY, "manifest " + key + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
