package dev.leadscore.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Score;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.ArtifactException;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainedModel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Truncated, corrupted and hand-edited model artifacts.
 *
 * <p>Documented exceptions: {@link ModelArtifact#read} throws {@link ArtifactException} (naming
 * the field as a JSON path, the rule and the value) and {@link NullPointerException} for a null
 * text; nothing else. The property that matters: an artifact that loads scores exactly like the
 * original ({@link Score#equals}, explanations included) — whatever was edited, a model never
 * loads silently different. Edits behind a recomputed checksum (someone who edits by hand and
 * fixes the checksum) still cannot change a weight, the standardisation or the schema: those are
 * cross-checked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelArtifactFuzzTest {
  private static TrainedModel model;
  private static String artifact;
  private static JsonNode tree;
  private static List<Lead> probes;
  private static List<Score> expected;
  private static Instant asOf;

  @BeforeAll
  static void setUp() {
    model = Models.smallModel();
    artifact = ModelArtifact.write(model);
    tree = Fuzz.tree(artifact);
    assertEquals(tree.get("checksum").asText(), checksum(tree), "the test's canonical form reproduces the artifact's checksum");
    asOf = Models.data().asOf();
    probes = new ArrayList<>(Models.data().leads().subList(0, 25).stream().map(LabelledLead::lead).toList());
    probes.add(Lead.builder("only-id").build());
    expected = scores(ModelScorer.of(model));
  }

  private static List<Score> scores(ModelScorer s) {
    return probes.stream().map(l -> s.score(l, asOf, LeadScorer.Detail.EXPLAINED)).toList();
  }

  // ------------------------------------------------------------------ checksum, re-implemented from the format's Javadoc

  /** {@code sha256:<hex>} of the canonical form of the document without {@code checksum}: keys sorted, integers {@code i<n>}, doubles {@code d<bits>}. */
  static String checksum(JsonNode root) {
    ObjectNode content = root.deepCopy();
    content.remove("checksum");
    StringBuilder sb = new StringBuilder();
    canonical(content, sb);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void canonical(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>();
      n.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i > 0 ? "," : "");
        string(keys.get(i), sb);
        sb.append(':');
        canonical(n.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i > 0 ? "," : "");
        canonical(n.get(i), sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), sb);
    } else if (n.isIntegralNumber()) {
      sb.append('i').append(n.bigIntegerValue());
    } else if (n.isNumber()) {
      sb.append('d').append(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(n.doubleValue())));
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else {
      sb.append("null");
    }
  }

  private static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** The document with its checksum recomputed, as a hand-editor who knows the format would leave it. */
  static String withChecksum(JsonNode root) {
    ObjectNode c = root.deepCopy();
    c.put("checksum", checksum(c));
    return Fuzz.compact(c);
  }

  // ------------------------------------------------------------------ helpers

  /** Reads {@code doc}; if it loads, it must score every probe exactly like the original model. */
  private static Outcome<TrainedModel> load(Tally t, String doc, String what) {
    Outcome<TrainedModel> o = Fuzz.attempt(t, doc, () -> ModelArtifact.read(doc), ArtifactException.class);
    if (o.ok() && System.getProperty("hardening.debug") != null) {
      System.out.println("loaded: " + what);
    }
    if (o.ok()) {
      List<Score> got;
      try {
        got = scores(ModelScorer.of(o.value()));
      } catch (RuntimeException e) {
        t.fail(what + ": loaded, but scoring threw " + e);
        return o;
      }
      if (!got.equals(expected)) {
        t.fail(what + ": SILENTLY DIFFERENT MODEL loaded (scores differ from the original)");
      }
    }
    return o;
  }

  /** A JSON number in the artifact text: its JSON pointer, where it starts and how long it is. */
  record NumberAt(String pointer, int offset, int length) {}

  static List<NumberAt> numbers(String json) {
    List<NumberAt> out = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
          out.add(new NumberAt(p.getParsingContext().pathAsPointer().toString(), (int) p.currentTokenLocation().getCharOffset(),
              p.getText().length()));
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /** The numbers that decide a score: weights, intercepts, standardisation, calibrator, cut-offs. */
  static boolean decisive(String pointer) {
    return pointer.startsWith("/model/weights") || pointer.startsWith("/model/rawWeights") || pointer.equals("/model/intercept")
        || pointer.equals("/model/rawIntercept") || pointer.startsWith("/standardisation/") || pointer.startsWith("/calibrator/")
        || pointer.startsWith("/tierCutoffs/");
  }

  // ------------------------------------------------------------------ tests

  @Test
  void truncatedArtifactsAreRefused() {
    Tally t = new Tally("ModelArtifact.read truncated (" + artifact.length() + "-char artifact)");
    for (int cut : Fuzz.cutPoints(artifact.length(), 400)) {
      String prefix = artifact.substring(0, cut);
      Outcome<TrainedModel> o = load(t, prefix, "cut at " + cut);
      if (o.ok() && !prefix.strip().equals(artifact.strip())) {
        t.fail("a truncated artifact loaded (cut at " + cut + ")");
      }
    }
    t.assertClean();
  }

  /** A syntax error in a 600-line artifact should say where it is, as the schema and rule-set readers do. */
  @Test
  void malformedJsonErrorsNameTheLine() {
    String[] lines = artifact.split("\n", -1);
    int target = lines.length / 2;
    while (!lines[target].trim().endsWith(",")) {
      target++;
    }
    lines[target] = lines[target].substring(0, lines[target].lastIndexOf(',')) + ";";
    String doc = String.join("\n", lines);
    ArtifactException e = org.junit.jupiter.api.Assertions.assertThrows(ArtifactException.class, () -> ModelArtifact.read(doc));
    assertTrue(e.getMessage().contains("line " + (target + 1)), "message names line " + (target + 1) + ": " + e.getMessage());
    String cut = artifact.substring(0, artifact.length() / 2);
    long cutLine = cut.chars().filter(c -> c == '\n').count() + 1;
    ArtifactException e2 = org.junit.jupiter.api.Assertions.assertThrows(ArtifactException.class, () -> ModelArtifact.read(cut));
    assertTrue(e2.getMessage().contains("line " + cutLine), "message names line " + cutLine + ": " + e2.getMessage());
  }

  @Test
  void randomEditsAreRefusedOrChangeNothing() {
    Tally t = new Tally("ModelArtifact.read random char edits");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 40);
    for (int i = 0; i < 600; i++) {
      String doc = Fuzz.mutate(artifact, r);
      load(t, doc, "random edit " + i);
    }
    t.assertClean();
  }

  /**
   * One digit flipped in every number that decides a score (every weight, raw weight, mean,
   * scale, intercept, calibrator parameter and cut-off) and in 300 other numbers: detected by
   * the checksum, never a silently different score.
   */
  @Test
  void aFlippedDigitIsCaughtByTheChecksum() {
    Tally t = new Tally("ModelArtifact.read one digit flipped in a number");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 41);
    List<NumberAt> all = numbers(artifact);
    List<NumberAt> chosen = new ArrayList<>(all.stream().filter(n -> decisive(n.pointer())).toList());
    int decisiveCount = chosen.size();
    List<NumberAt> others = new ArrayList<>(all.stream().filter(n -> !decisive(n.pointer())).toList());
    for (int k = 0; k < 300 && !others.isEmpty(); k++) {
      chosen.add(others.remove(r.nextInt(others.size())));
    }
    int weightsFlipped = 0;
    for (NumberAt n : chosen) {
      String text = artifact.substring(n.offset(), n.offset() + n.length());
      List<Integer> digits = new ArrayList<>();
      for (int i = 0; i < text.length(); i++) {
        if (Character.isDigit(text.charAt(i))) {
          digits.add(i);
        }
      }
      int at = digits.get(r.nextInt(digits.size()));
      char old = text.charAt(at);
      char neu = (char) ('0' + (old - '0' + 1 + r.nextInt(9)) % 10);
      String flipped = text.substring(0, at) + neu + text.substring(at + 1);
      String doc = artifact.substring(0, n.offset()) + flipped + artifact.substring(n.offset() + n.length());
      Outcome<TrainedModel> o = load(t, doc, n.pointer() + " " + text + " -> " + flipped);
      boolean sameValue = flipped.matches("-?[0-9.eE+-]+") && Double.parseDouble(flipped) == Double.parseDouble(text)
          && flipped.contains(".") == text.contains(".");
      if (!o.ok() && !sameValue && !o.thrown().getMessage().contains("checksum") && !o.thrown().getMessage().contains("JSON")
          && !n.pointer().equals("/formatVersion")) {
        t.fail(n.pointer() + " " + text + " -> " + flipped + ": refused, but not by the checksum: " + o.thrown().getMessage());
      }
      if (o.ok() && !sameValue) {
        t.fail(n.pointer() + " " + text + " -> " + flipped + ": a changed number was accepted");
      }
      weightsFlipped += n.pointer().startsWith("/model/weights/") ? 1 : 0;
    }
    System.out.println("[hardening] digit flips: " + decisiveCount + " score-deciding numbers (" + weightsFlipped + " weights) + "
        + (chosen.size() - decisiveCount) + " others");
    assertEquals(model.width(), weightsFlipped, "every weight was flipped once");
    t.assertClean();
  }

  @Test
  void renamedKeysAreRefused() {
    Tally t = new Tally("ModelArtifact.read renamed keys (every key outside the embedded schema, 60 inside)");
    List<String> inSchema = Fuzz.pointers(tree).stream().filter(p -> p.startsWith("/schema/")).toList();
    List<String> keys = new ArrayList<>(Fuzz.pointers(tree).stream().filter(p -> !p.startsWith("/schema/")).toList());
    for (int i = 0; i < inSchema.size(); i += Math.max(1, inSchema.size() / 60)) {
      keys.add(inSchema.get(i));
    }
    for (String p : keys) {
      String parent = p.substring(0, p.lastIndexOf('/'));
      if (!tree.at(parent).isObject()) {
        continue;
      }
      String doc = Fuzz.compact(Fuzz.renamed(tree, p, "zz_renamed"));
      Outcome<TrainedModel> o = load(t, doc, "renamed " + p);
      if (o.ok()) {
        t.fail("renamed key " + p + " accepted");
      }
    }
    t.assertClean();
  }

  /**
   * Type swaps, removals and value edits at (a sample of) every node, with the checksum
   * recomputed: refused with an ArtifactException naming the place, or loaded; and when loaded
   * after an edit to a weight, intercept, standardisation or the schema, the scores are the
   * original's.
   */
  @Test
  void handEditsBehindARecomputedChecksum() {
    Tally t = new Tally("ModelArtifact.read type swaps / removals / edits with a recomputed checksum");
    SplittableRandom r = new SplittableRandom(PropertyCheck.seed() + 42);
    List<JsonNode> variants = new ArrayList<>(Fuzz.swaps());
    variants.add(null);
    // every weight nudged by one part in 10^12, then 300 random (node, edit) pairs over the whole document
    List<String[]> edits = new ArrayList<>();
    for (int j = 0; j < model.width(); j++) {
      edits.add(new String[] {"/model/weights/" + j, "nudge"});
    }
    List<String> all = Fuzz.pointers(tree);
    for (int k = 0; k < 300; k++) {
      edits.add(new String[] {all.get(r.nextInt(all.size())), "random"});
    }
    int cases = 0;
    for (String[] edit : edits) {
      String p = edit[0];
      JsonNode orig = tree.at(p);
      JsonNode v;
      if (edit[1].equals("nudge")) {
        v = DoubleNode.valueOf(orig.doubleValue() == 0 ? 1e-300 : orig.doubleValue() * (1 + 1e-12));
      } else if (orig.isNumber() && r.nextBoolean()) {
        double d = orig.doubleValue();
        v = DoubleNode.valueOf(r.nextBoolean() ? d * (1 + 1e-12) + (d == 0 ? 1e-300 : 0) : r.nextBoolean() ? d + 1 : 1e308);
      } else {
        v = variants.get(r.nextInt(variants.size()));
      }
      {
        cases++;
        JsonNode edited = Fuzz.with(tree, p, v);
        if (edited.equals(tree)) {
          continue;
        }
        String doc = withChecksum(edited);
        Outcome<TrainedModel> o = Fuzz.attempt(t, doc, () -> ModelArtifact.read(doc), ArtifactException.class);
        boolean weights = p.startsWith("/model/weights") || p.startsWith("/model/rawWeights") || p.equals("/model/intercept")
            || p.equals("/model/rawIntercept") || p.startsWith("/standardisation/") || p.startsWith("/schema/")
            || p.startsWith("/columns") || p.equals("/schemaFingerprint");
        if (o.ok()) {
          List<Score> got;
          try {
            got = scores(ModelScorer.of(o.value()));
          } catch (RuntimeException e) {
            t.fail(p + " := " + v + ": loaded, but scoring threw " + e);
            continue;
          }
          if (edit[1].equals("nudge")) {
            t.fail(p + " nudged by 1e-12 behind a recomputed checksum was accepted");
          }
          if (weights && !got.equals(expected)) {
            t.fail(p + " := " + v + ": a hand edit behind a recomputed checksum changed the scores");
          }
          for (Score s : got) {
            if (!(s.score() >= 0 && s.score() <= 100 && s.probability() >= 0 && s.probability() <= 1)) {
              t.fail(p + " := " + v + ": loaded model scores out of range: " + s);
            }
          }
        } else {
          String m = o.thrown().getMessage();
          String[] segs = p.substring(1).split("/");
          boolean named = false;
          for (String s : segs) {
            named |= !s.matches("\\d+") && m.contains(s);
          }
          // an edit to one side of a cross-check (a mean, a scale) is reported on the field where the mismatch shows
          if (!named && !m.contains("schema") && !m.contains("does not match")) {
            t.fail(p + " := " + v + ": message does not name the field: " + m);
          }
        }
      }
    }
    System.out.println("[hardening] hand edits behind a recomputed checksum: " + model.width() + " weights nudged + 300 random node edits = "
        + cases + " edits");
    t.assertClean();
  }

  @Test
  void duplicateKeysNumberTokensAndNesting() {
    Tally t = new Tally("ModelArtifact.read duplicate keys / number tokens / nesting");
    String[] members = {"\"modelId\" : \"evil\",\n  ", "\"formatVersion\" : 1,\n  ", "\"checksum\" : \"sha256:00\",\n  "};
    for (String m : members) {
      String key = m.substring(0, m.indexOf(':')).trim();
      int at = artifact.indexOf(key + " :");
      load(t, artifact.substring(0, at) + m + artifact.substring(at), "duplicate before " + key);
      int end = artifact.indexOf('\n', at);
      String after = artifact.substring(0, end) + "\n  " + m.trim() + artifact.substring(end);
      load(t, after, "duplicate after " + key);
    }
    List<NumberAt> weights = numbers(artifact).stream().filter(n -> n.pointer().startsWith("/model/weights/")).toList();
    for (NumberAt n : weights.subList(0, Math.min(4, weights.size()))) {
      for (String token : Fuzz.NUMBER_TOKENS) {
        load(t, artifact.substring(0, n.offset()) + token + artifact.substring(n.offset() + n.length()), n.pointer() + " := " + token);
      }
    }
    int at = artifact.indexOf("\"training\"");
    load(t, artifact.substring(0, at) + "\"deep\" : " + Fuzz.nested(100_000) + ",\n  " + artifact.substring(at), "deep nesting");
    load(t, "", "empty");
    load(t, "   ", "blank");
    load(t, "[]", "array");
    load(t, "{}", "empty object");
    load(t, "null", "null");
    // Cast: read(String) has a read(Path) overload since issue 16.
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> ModelArtifact.read((String) null));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> ModelArtifact.read((java.nio.file.Path) null));
    t.assertClean(); // a duplicate that loads (same value, or overridden by the original) scores identically: checked by load()
  }
}
