package dev.blackwater.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The resources of {@code terraform show -json} output, as planned. */
final class TerraformPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private TerraformPlan(JsonNode root) {
    this.root = root;
  }

  static TerraformPlan read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file.toAbsolutePath().normalize()
              + " is missing: run `make plan-offline` before ./mvnw verify -Pterraform");
    }
    return new TerraformPlan(JSON.readTree(file.toFile()));
  }

  /** A planned resource: its address, for_each key and values after the change. */
  record Resource(String address, String key, JsonNode after, JsonNode unknown) {

    String text(String field) {
      return after.path(field).asText();
    }

    /** The policy document of an IAM or bucket policy resource. */
    JsonNode policy() {
      try {
        return JSON.readTree(after.path("policy").asText());
      } catch (IOException e) {
        throw new IllegalStateException(address + " has no readable policy (unknown at plan?)", e);
      }
    }
  }

  /** Every resource of a type that the plan creates or keeps. */
  List<Resource> all(String type) {
    List<Resource> found = new ArrayList<>();
    for (JsonNode change : root.path("resource_changes")) {
      if (change.path("type").asText().equals(type)
          && change.path("mode").asText().equals("managed")
          && !change.path("change").path("actions").toString().equals("[\"delete\"]")) {
        found.add(
            new Resource(
                change.path("address").asText(),
                change.path("index").asText(null),
                change.path("change").path("after"),
                change.path("change").path("after_unknown")));
      }
    }
    return found;
  }

  /** The one resource of a type with a for_each key. */
  Resource one(String type, String key) {
    return all(type).stream()
        .filter(r -> key.equals(r.key()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + "[\"" + key + "\"] in the plan"));
  }

  /** A root output's planned value (missing when it is unknown until apply). */
  JsonNode output(String name) {
    return root.path("planned_values").path("outputs").path(name).path("value");
  }

  /** A root output's planned value that is a JSON document (as jsonencode wrote it). */
  JsonNode jsonOutput(String name) {
    JsonNode text = output(name);
    if (!text.isTextual()) {
      throw new AssertionError("output " + name + " is not known at plan time");
    }
    try {
      return JSON.readTree(text.asText());
    } catch (IOException e) {
      throw new AssertionError("output " + name + " is not JSON", e);
    }
  }

  /** A root variable's value. */
  String variable(String name) {
    return variableValue(name).asText();
  }

  /** A root variable's value as planned (a map or object variable as a JSON object). */
  JsonNode variableValue(String name) {
    return root.path("variables").path(name).path("value");
  }

  /** A root variable's default in terraform/variables.tf (missing when it has none). */
  JsonNode variableDefault(String name) {
    return root.at("/configuration/root_module/variables").path(name).path("default");
  }
}
