package dev.leadscore.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's schema reference honest: its example blocks, read in order as one schema,
 * parse with the schema reader and fit and extract on synthetic leads; there is one example per
 * kind the reader knows; and every field the reader accepts, for every kind, is named in the
 * reference's tables (the reader's own "allowed fields" list is the source of truth, so a new
 * field fails this test until it is documented).
 */
class SchemaReferenceTest {
  static String section() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("### Schema reference");
    assertTrue(start >= 0, "README.md has a schema reference");
    int end = readme.indexOf("\n## ", start);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  static List<String> examples(String section) {
    Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1).strip());
    }
    return blocks;
  }

  static FeatureSchema schemaOf(List<String> features) {
    return FeatureSchema.fromJson("{\"name\": \"reference\", \"version\": 1, \"features\": ["
        + String.join(",\n", features) + "]}");
  }

  /** The list in the reader's error message for a bad value, e.g. "known kinds are [a, b]". */
  static Set<String> listAfter(String message, String marker) {
    int i = message.indexOf(marker);
    assertTrue(i >= 0, message);
    String list = message.substring(i + marker.length());
    list = list.substring(list.indexOf('[') + 1, list.indexOf(']'));
    return new TreeSet<>(Arrays.asList(list.split(",\\s*")));
  }

  @Test
  void everyExampleParsesFitsAndExtracts() throws IOException {
    List<String> blocks = examples(section());
    FeatureSchema schema = schemaOf(blocks);
    assertEquals(blocks.size(), schema.features().size());
    SyntheticData data = SyntheticPipeline.builder().size(300).seed(5).build().generate();
    FittedSchema fitted = schema.fit(data.unlabelled());
    double[] x = fitted.extract(data.unlabelled().get(0), data.asOf());
    assertEquals(fitted.width(), x.length);
    assertTrue(Arrays.stream(x).allMatch(Double::isFinite));
    assertTrue(fitted.columns().stream().anyMatch(c -> c.name().equals("company_size_h1")),
        "the hinge basis of the numeric example has its columns");
    assertTrue(section().contains("\"basis\": {\"type\": \"hinge\", \"knots\": 4}"), "the basis spelling");
  }

  @Test
  void thereIsOneExamplePerKindAndEveryFieldIsDocumented() throws IOException {
    String section = section();
    List<String> blocks = examples(section);
    SchemaException unknownKind = assertThrows(SchemaException.class, () -> schemaOf(List.of(
        "{\"kind\": \"no-such-kind\", \"name\": \"x\", \"family\": \"behavioral\"}")));
    Set<String> kinds = listAfter(unknownKind.getMessage(), "known kinds are");
    Set<String> exampleKinds = new LinkedHashSet<>();
    for (FeatureSpec f : schemaOf(blocks).features()) {
      exampleKinds.add(f.kind());
    }
    assertEquals(kinds, new TreeSet<>(exampleKinds), "one example per kind");
    assertEquals(kinds.size(), blocks.size(), "exactly one example per kind");

    String common = section.substring(0, section.indexOf("Per kind"));
    for (int k = 0; k < blocks.size(); k++) {
      String block = blocks.get(k);
      String kind = schemaOf(blocks.subList(0, k + 1)).features().get(k).kind();
      List<String> withBogus = new ArrayList<>(blocks.subList(0, k));
      withBogus.add(block.substring(0, block.lastIndexOf('}')) + ", \"zz_not_a_field\": 1}");
      SchemaException e = assertThrows(SchemaException.class, () -> schemaOf(withBogus));
      Set<String> allowed = listAfter(e.getMessage(), "allowed fields are");
      Matcher row = Pattern.compile("(?m)^\\| `" + Pattern.quote(kind) + "` \\|(.*)$").matcher(section);
      assertTrue(row.find(), "a table row for kind " + kind);
      for (String field : allowed) {
        boolean documented = common.contains("| `" + field + "` |") || row.group(1).contains("`" + field + "`");
        assertTrue(documented, "field '" + field + "' of kind " + kind + " is not in the README's schema reference");
      }
    }
  }
}
