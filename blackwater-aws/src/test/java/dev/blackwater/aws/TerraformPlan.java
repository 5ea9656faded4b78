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

  /**
   * A module's configuration ({@code terraform show -json}'s "configuration"): the root module with
   * no call names, else the module reached through the calls, outermost first.
   */
  JsonNode module(String... calls) {
    JsonNode module = root.path("configuration").path("root_module");
    for (String call : calls) {
      module = module.path("module_calls").path(call).path("module");
    }
    if (module.isMissingNode()) {
      throw new AssertionError("no module " + String.join(".", calls) + " in the configuration");
    }
    return module;
  }

  /** The expressions of the module call {@code call} in {@code module}: argument -> expression. */
  static JsonNode callExpressions(JsonNode module, String call) {
    JsonNode expressions = module.path("module_calls").path(call).path("expressions");
    if (expressions.isMissingNode()) {
      throw new AssertionError("no module call " + call + " in the configuration");
    }
    return expressions;
  }

  /**
   * The expressions of a resource in a module's configuration, by its address there (type.name).
   */
  static JsonNode resourceExpressions(JsonNode module, String address) {
    for (JsonNode resource : module.path("resources")) {
      if (resource.path("address").asText().equals(address)) {
        return resource.path("expressions");
      }
    }
    throw new AssertionError("no " + address + " in the module's configuration");
  }

  /** The references of a configured expression: the variables, locals and objects it reads. */
  static List<String> references(JsonNode expression) {
    List<String> references = new ArrayList<>();
    expression.path("references").forEach(r -> references.add(r.asText()));
    return references;
  }

  /** The statements of a policy document. */
  static List<JsonNode> statements(JsonNode policy) {
    List<JsonNode> all = new ArrayList<>();
    policy.path("Statement").forEach(all::add);
    return all;
  }

  /** A policy field that may be one string or a list of them, as a list. */
  static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      values.add(node.asText());
    }
    return values;
  }

  /** The one resource of a type whose address ends with {@code suffix}. */
  Resource named(String type, String suffix) {
    return all(type).stream()
        .filter(r -> r.address().endsWith(suffix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " ending in " + suffix));
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
