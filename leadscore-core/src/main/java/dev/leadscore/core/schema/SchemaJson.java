package dev.leadscore.core.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.ByteOrderMark;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of schemas and fitted schemas. Written field by field in a fixed order, so the
 * compact form is canonical and can be hashed; read strictly (unknown kinds and fields, missing
 * required fields and wrong types are errors naming the feature and the field) through Jackson's
 * tree model, so a document can never choose a class to instantiate.
 */
final class SchemaJson {
  private SchemaJson() {}

  /**
   * Jackson's mapper is thread-safe once configured; this one is never reconfigured. It reads
   * strictly: a key given twice in one object, or anything after the document, is a syntax error
   * rather than silently resolved (last key wins, trailing text ignored).
   */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  static final String FITTED_FORMAT = "leadscore.fitted-schema";
  static final int FITTED_FORMAT_VERSION = 1;

  // ------------------------------------------------------------------ text <-> tree

  static JsonNode parse(String text, String what) {
    String json = ByteOrderMark.strip(text);
    if (json == null || json.isBlank()) {
      throw new SchemaException(what + " JSON is empty");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new SchemaException(what + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()), e);
    }
  }

  /**
   * In pure ASCII, so that hashing its UTF-8 bytes is injective: text that has no UTF-8 form, such
   * as a lone surrogate, would otherwise be encoded as '?' and share a fingerprint with a real '?'.
   */
  static String canonical(JsonNode node) {
    return CanonicalJson.write(node, CanonicalJson.Form.ASCII);
  }

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a tree we built", e);
    }
  }

  static String sha256(String text) {
    return Sha256.labelled(text);
  }

  // ------------------------------------------------------------------ writing

  static ObjectNode writeSchema(FeatureSchema schema) {
    ObjectNode root = NODES.objectNode();
    root.put("name", schema.name());
    root.put("version", schema.version());
    ArrayNode features = root.putArray("features");
    for (FeatureSpec f : schema.features()) {
      features.add(writeFeature(f));
    }
    return root;
  }

  static ObjectNode writeFitted(FittedSchema fitted, boolean withFingerprint) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FITTED_FORMAT);
    root.put("formatVersion", FITTED_FORMAT_VERSION);
    root.set("schema", writeSchema(fitted.schema()));
    ArrayNode arr = root.putArray("fitted");
    for (FeatureSpec f : fitted.schema().features()) {
      FittedFeature ff = fitted.fitted().get(f.name());
      if (ff == null) {
        continue;
      }
      ObjectNode o = arr.addObject();
      o.put("feature", f.name());
      if (ff.hasImpute()) {
        o.put("impute", ff.impute());
      }
      if (ff.levels() != null) {
        ArrayNode levels = o.putArray("levels");
        ff.levels().forEach(levels::add);
      }
      if (ff.knots() != null) {
        ArrayNode knots = o.putArray("knots");
        ff.knots().forEach(knots::add);
      }
    }
    if (!fitted.pairs().isEmpty()) {
      // Written only when present, so fitted schemas without learned pairs keep their fingerprints.
      ArrayNode pairs = root.putArray("pairs");
      fitted.pairs().forEach(p -> pairs.add(writeFeature(p)));
    }
    if (withFingerprint) {
      root.put("fingerprint", fitted.fingerprint());
    }
    return root;
  }

  private static ObjectNode writeFeature(FeatureSpec spec) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", spec.kind());
    FeatureInfo info = spec.info();
    o.put("name", info.name());
    o.put("family", info.family());
    o.put("actionable", info.actionable());
    ObjectNode r = o.putObject("reasons");
    info.reasons().fields().forEach(r::put);
    spec.machinery().writeJson(o);
    return o;
  }

  /** Unbounded limits are written by leaving the field out. */
  static void putFinite(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    }
  }

  static void putStrings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  static void writeImputation(ObjectNode o, Imputation imp) {
    ObjectNode i = o.putObject("imputation");
    i.put("strategy", imp.strategy().name().toLowerCase(Locale.ROOT));
    if (imp.strategy() == Imputation.Strategy.CONSTANT) {
      i.put("value", imp.value());
    }
  }

  // ------------------------------------------------------------------ reading

  private static final Set<String> COMMON = Set.of("kind", "name", "family", "actionable", "reasons");

  /** Reads one kind's own fields; {@code n} has only the common fields and the kind's. */
  interface KindReader {
    FeatureSpec read(Ctx ctx, JsonNode n, FeatureInfo info);
  }

  /** A kind in JSON: its own allowed fields and its reader. */
  private record JsonKind(Set<String> fields, KindReader reader) {}

  /**
   * The kinds by their JSON name, in declaration order (error messages list the kinds in it). A
   * new kind is registered here and in {@link FeatureSpec}'s {@code permits}.
   */
  private static final Map<String, JsonKind> KINDS = kinds();

  private static Map<String, JsonKind> kinds() {
    Map<String, JsonKind> m = new LinkedHashMap<>();
    m.put(NumericKind.NAME, new JsonKind(NumericKind.FIELDS, NumericKind::read));
    m.put(BooleanKind.NAME, new JsonKind(BooleanKind.FIELDS, BooleanKind::read));
    m.put(OrdinalKind.NAME, new JsonKind(OrdinalKind.FIELDS, OrdinalKind::read));
    m.put(CategoricalKind.NAME, new JsonKind(CategoricalKind.FIELDS, CategoricalKind::read));
    m.put(EventCountKind.NAME, new JsonKind(EventCountKind.FIELDS, EventCountKind::read));
    m.put(RecencyKind.NAME, new JsonKind(RecencyKind.FIELDS, RecencyKind::read));
    m.put(TitleSeniorityKind.NAME, new JsonKind(TitleSeniorityKind.FIELDS, TitleSeniorityKind::read));
    m.put(EmailDomainKind.NAME, new JsonKind(EmailDomainKind.FIELDS, EmailDomainKind::read));
    m.put(InteractionKind.NAME, new JsonKind(InteractionKind.FIELDS, InteractionKind::read));
    return java.util.Collections.unmodifiableMap(m);
  }

  static FeatureSchema readSchema(JsonNode root) {
    Ctx ctx = new Ctx("schema");
    ctx.object(root);
    ctx.allowOnly(root, Set.of("name", "version", "features"));
    String name = ctx.requiredText(root, "name");
    int version = ctx.requiredInt(root, "version");
    JsonNode arr = ctx.required(root, "features");
    if (!arr.isArray()) {
      throw ctx.error("'features' must be an array, got " + arr.getNodeType());
    }
    List<FeatureSpec> features = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      features.add(readFeature(arr.get(i), i));
    }
    return FeatureSchema.of(name, version, features);
  }

  static FittedSchema readFitted(JsonNode root) {
    Ctx ctx = new Ctx("fitted schema");
    ctx.object(root);
    ctx.allowOnly(root, Set.of("format", "formatVersion", "schema", "fitted", "pairs", "fingerprint"));
    String format = ctx.requiredText(root, "format");
    if (!FITTED_FORMAT.equals(format)) {
      throw ctx.error("'format' must be '" + FITTED_FORMAT + "', got '" + format + "'");
    }
    int fv = ctx.requiredInt(root, "formatVersion");
    if (fv != FITTED_FORMAT_VERSION) {
      throw ctx.error("formatVersion " + fv + " is not supported; this version reads " + FITTED_FORMAT_VERSION);
    }
    FeatureSchema schema = readSchema(ctx.required(root, "schema"));
    JsonNode arr = ctx.required(root, "fitted");
    if (!arr.isArray()) {
      throw ctx.error("'fitted' must be an array");
    }
    Map<String, FittedFeature> fitted = new LinkedHashMap<>();
    for (int i = 0; i < arr.size(); i++) {
      JsonNode n = arr.get(i);
      Ctx c = new Ctx("fitted[" + i + "]");
      c.object(n);
      c.allowOnly(n, Set.of("feature", "impute", "levels", "knots"));
      String feature = c.requiredText(n, "feature");
      if (!schema.hasFeature(feature)) {
        throw c.error("names feature '" + feature + "' that the schema does not declare");
      }
      double impute = n.has("impute") ? c.requiredFinite(n, "impute") : Double.NaN;
      List<String> levels = n.has("levels") ? c.strings(n, "levels") : null;
      List<Double> knots = null;
      if (n.has("knots")) {
        JsonNode k = n.get("knots");
        if (!k.isArray()) {
          throw c.error("'knots' must be an array of numbers");
        }
        knots = new ArrayList<>();
        for (JsonNode v : k) {
          if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw c.error("'knots' must hold finite numbers, got " + v);
          }
          if (!knots.isEmpty() && !(v.asDouble() > knots.get(knots.size() - 1))) {
            throw c.error("'knots' must be strictly increasing, got " + k);
          }
          knots.add(v.asDouble());
        }
      }
      if (fitted.put(feature, new FittedFeature(feature, impute, levels, knots)) != null) {
        throw c.error("feature '" + feature + "' is fitted twice");
      }
    }
    List<InteractionFeature> pairs = new ArrayList<>();
    if (root.has("pairs")) {
      JsonNode p = root.get("pairs");
      if (!p.isArray()) {
        throw ctx.error("'pairs' must be an array");
      }
      for (int i = 0; i < p.size(); i++) {
        FeatureSpec spec = readFeature(p.get(i), i);
        if (!(spec instanceof InteractionFeature pair)) {
          throw ctx.error("pairs[" + i + "] must be of kind '" + InteractionKind.NAME + "', got '" + spec.kind() + "'");
        }
        pairs.add(pair);
      }
    }
    FittedSchema result = new FittedSchema(schema, fitted, pairs);
    String stored = ctx.requiredText(root, "fingerprint");
    if (!stored.equals(result.fingerprint())) {
      throw ctx.error("fingerprint mismatch: the document says " + stored + " but its content hashes to "
          + result.fingerprint() + "; it was edited or corrupted");
    }
    return result;
  }

  private static FeatureSpec readFeature(JsonNode n, int index) {
    Ctx ctx = new Ctx("features[" + index + "]");
    ctx.object(n);
    String name = ctx.requiredText(n, "name");
    ctx = new Ctx("features[" + index + "] '" + name + "'");
    String kind = ctx.requiredText(n, "kind");
    JsonKind jsonKind = KINDS.get(kind);
    if (jsonKind == null) {
      throw ctx.error("unknown feature kind '" + kind + "'; known kinds are " + KINDS.keySet());
    }
    Set<String> all = new HashSet<>(COMMON);
    all.addAll(jsonKind.fields());
    ctx.allowOnly(n, all);
    try {
      FeatureInfo info = new FeatureInfo(name, ctx.requiredText(n, "family"), readReasons(ctx, n, name),
          ctx.optBool(n, "actionable", false));
      return jsonKind.reader().read(ctx, n, info);
    } catch (SchemaException e) {
      if (e.getMessage().startsWith("features[")) {
        throw e;
      }
      String own = "feature '" + name + "': "; // the record's own prefix; ctx names the feature already
      throw ctx.error(e.getMessage().startsWith(own) ? e.getMessage().substring(own.length()) : e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ctx.error(e.getMessage());
    }
  }

  private static ReasonTemplates readReasons(Ctx ctx, JsonNode n, String name) {
    if (!n.has("reasons")) {
      return ReasonTemplates.plain(name.replace('_', ' '));
    }
    JsonNode r = n.get("reasons");
    ctx.object(r);
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    r.fieldNames().forEachRemaining(k -> fields.put(k, ctx.requiredText(r, k)));
    try {
      return ReasonTemplates.fromFields(fields);
    } catch (IllegalArgumentException e) {
      throw ctx.error("reasons: " + e.getMessage());
    }
  }

  static Imputation readImputation(Ctx ctx, JsonNode n) {
    if (!n.has("imputation")) {
      return Imputation.mean();
    }
    JsonNode i = n.get("imputation");
    ctx.object(i);
    ctx.allowOnly(i, Set.of("strategy", "value"));
    String s = ctx.requiredText(i, "strategy");
    switch (s) {
      case "mean":
        return Imputation.mean();
      case "median":
        return Imputation.median();
      case "constant":
        return Imputation.constant(ctx.requiredFinite(i, "value"));
      default:
        throw ctx.error("imputation strategy must be mean, median or constant, got '" + s + "'");
    }
  }

  /** Where in the document we are, for error messages. */
  static final class Ctx {
    private final String where;

    Ctx(String where) {
      this.where = where;
    }

    SchemaException error(String problem) {
      return new SchemaException(where + ": " + problem);
    }

    void object(JsonNode n) {
      if (n == null || !n.isObject()) {
        throw error("expected a JSON object, got " + (n == null ? "nothing" : n.getNodeType()));
      }
    }

    void allowOnly(JsonNode n, Set<String> allowed) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
        String f = it.next();
        if (!allowed.contains(f)) {
          throw error("unknown field '" + f + "'; allowed fields are " + new java.util.TreeSet<>(allowed));
        }
      }
    }

    JsonNode required(JsonNode n, String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw error("missing required field '" + field + "'");
      }
      return v;
    }

    String requiredText(JsonNode n, String field) {
      JsonNode v = required(n, field);
      if (!v.isTextual()) {
        throw error("field '" + field + "' must be text, got " + v.getNodeType() + " " + v);
      }
      return v.asText();
    }

    int requiredInt(JsonNode n, String field) {
      JsonNode v = required(n, field);
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        throw error("field '" + field + "' must be an integer, got " + v);
      }
      return v.asInt();
    }

    double requiredFinite(JsonNode n, String field) {
      JsonNode v = required(n, field);
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw error("field '" + field + "' must be a finite number, got " + v);
      }
      return v.asDouble();
    }

    double optDouble(JsonNode n, String field, double dflt) {
      return n.has(field) && !n.get(field).isNull() ? requiredFinite(n, field) : dflt;
    }

    boolean optBool(JsonNode n, String field, boolean dflt) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        return dflt;
      }
      if (!v.isBoolean()) {
        throw error("field '" + field + "' must be true or false, got " + v);
      }
      return v.asBoolean();
    }

    List<String> strings(JsonNode n, String field) {
      JsonNode v = required(n, field);
      if (!v.isArray()) {
        throw error("field '" + field + "' must be an array of text, got " + v.getNodeType());
      }
      List<String> out = new ArrayList<>();
      for (JsonNode s : v) {
        if (!s.isTextual()) {
          throw error("field '" + field + "' must hold only text, got " + s);
        }
        out.add(s.asText());
      }
      return out;
    }

    List<String> optStrings(JsonNode n, String field) {
      return n.has(field) && !n.get(field).isNull() ? strings(n, field) : List.of();
    }
  }
}
