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

  static JsonNode parse(String json, String what) {
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
    r.put("positive", info.reasons().positive());
    r.put("negative", info.reasons().negative());
    r.put("missing", info.reasons().missing());
    if (spec instanceof NumericFeature f) {
      o.put("attribute", f.attribute());
      o.put("log1p", f.log1p());
      putFinite(o, "clipMin", f.clipMin());
      putFinite(o, "clipMax", f.clipMax());
      writeImputation(o, f.imputation());
      o.put("missingFlag", f.missingFlag());
      putStrings(o, "missingTokens", f.missingTokens());
      if (f.basis().kind() != Basis.Kind.NONE) {
        // Written only when present, so schemas without a basis keep their fingerprints.
        ObjectNode b = o.putObject("basis");
        b.put("type", f.basis().kind() == Basis.Kind.HINGE ? "hinge" : "quantileBins");
        b.put("knots", f.basis().knots());
      }
    } else if (spec instanceof BooleanFeature f) {
      o.put("attribute", f.attribute());
      writeImputation(o, f.imputation());
      o.put("missingFlag", f.missingFlag());
      putStrings(o, "missingTokens", f.missingTokens());
    } else if (spec instanceof OrdinalFeature f) {
      o.put("attribute", f.attribute());
      ObjectNode m = o.putObject("mapping");
      // Sorted, so a mapping built from an unordered Map has one canonical form and fingerprint.
      new java.util.TreeMap<>(f.mapping()).forEach(m::put);
      writeImputation(o, f.imputation());
      o.put("missingFlag", f.missingFlag());
      putStrings(o, "missingTokens", f.missingTokens());
    } else if (spec instanceof CategoricalFeature f) {
      o.put("attribute", f.attribute());
      putStrings(o, "levels", f.levels());
      o.put("minCount", f.minCount());
      o.put("missingLevel", f.missingLevel());
      putStrings(o, "missingTokens", f.missingTokens());
    } else if (spec instanceof EventCountFeature f) {
      putStrings(o, "eventTypes", f.eventTypes());
      putFinite(o, "windowDays", f.windowDays());
      writeDecay(o, f.decay());
      putFinite(o, "cap", f.cap());
      o.put("log1p", f.log1p());
    } else if (spec instanceof RecencyFeature f) {
      putStrings(o, "eventTypes", f.eventTypes());
      o.put("capDays", f.capDays());
      o.put("missingFlag", f.missingFlag());
    } else if (spec instanceof TitleSeniorityFeature f) {
      o.put("attribute", f.attribute());
      putStrings(o, "missingTokens", f.missingTokens());
    } else if (spec instanceof EmailDomainFeature f) {
      o.put("attribute", f.attribute());
      putStrings(o, "freeMailDomains", f.freeMailDomains());
      putStrings(o, "competitorDomains", f.competitorDomains());
    } else if (spec instanceof InteractionFeature f) {
      o.put("left", f.left());
      o.put("right", f.right());
    }
    return o;
  }

  /** Unbounded limits are written by leaving the field out. */
  private static void putFinite(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    }
  }

  private static void putStrings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  private static void writeImputation(ObjectNode o, Imputation imp) {
    ObjectNode i = o.putObject("imputation");
    i.put("strategy", imp.strategy().name().toLowerCase(Locale.ROOT));
    if (imp.strategy() == Imputation.Strategy.CONSTANT) {
      i.put("value", imp.value());
    }
  }

  private static void writeDecay(ObjectNode o, Decay decay) {
    ObjectNode d = o.putObject("decay");
    if (decay instanceof Decay.HalfLife h) {
      d.put("type", "halfLife");
      d.put("days", h.days());
    } else if (decay instanceof Decay.StepSchedule s) {
      d.put("type", "steps");
      ArrayNode steps = d.putArray("steps");
      for (Decay.Step step : s.steps()) {
        ObjectNode st = steps.addObject();
        st.put("upToDays", step.upToDays());
        st.put("weight", step.weight());
      }
      d.put("beyond", s.beyond());
    } else {
      d.put("type", "none");
    }
  }

  // ------------------------------------------------------------------ reading

  private static final Set<String> COMMON = Set.of("kind", "name", "family", "actionable", "reasons");
  /** Allowed fields per kind, in declaration order (error messages list the kinds in it). */
  private static final Map<String, Set<String>> FIELDS = fields();

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("numeric", Set.of("attribute", "log1p", "clipMin", "clipMax", "imputation", "missingFlag", "missingTokens", "basis"));
    m.put("boolean", Set.of("attribute", "imputation", "missingFlag", "missingTokens"));
    m.put("ordinal", Set.of("attribute", "mapping", "imputation", "missingFlag", "missingTokens"));
    m.put("categorical", Set.of("attribute", "levels", "minCount", "missingLevel", "missingTokens"));
    m.put("eventCount", Set.of("eventTypes", "windowDays", "decay", "cap", "log1p"));
    m.put("recency", Set.of("eventTypes", "capDays", "missingFlag"));
    m.put("titleSeniority", Set.of("attribute", "missingTokens"));
    m.put("emailDomain", Set.of("attribute", "freeMailDomains", "competitorDomains"));
    m.put("interaction", Set.of("left", "right"));
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
    ctx.allowOnly(root, Set.of("format", "formatVersion", "schema", "fitted", "fingerprint"));
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
    FittedSchema result = new FittedSchema(schema, fitted);
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
    Set<String> allowed = FIELDS.get(kind);
    if (allowed == null) {
      throw ctx.error("unknown feature kind '" + kind + "'; known kinds are " + FIELDS.keySet());
    }
    Set<String> all = new HashSet<>(COMMON);
    all.addAll(allowed);
    ctx.allowOnly(n, all);
    try {
      FeatureInfo info = new FeatureInfo(name, ctx.requiredText(n, "family"), readReasons(ctx, n, name),
          ctx.optBool(n, "actionable", false));
      switch (kind) {
        case "numeric":
          return new NumericFeature(info, ctx.requiredText(n, "attribute"), ctx.optBool(n, "log1p", false),
              ctx.optDouble(n, "clipMin", Double.NEGATIVE_INFINITY), ctx.optDouble(n, "clipMax", Double.POSITIVE_INFINITY),
              readImputation(ctx, n), ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"),
              readBasis(ctx, n));
        case "boolean":
          return new BooleanFeature(info, ctx.requiredText(n, "attribute"),
              n.has("imputation") ? readImputation(ctx, n) : Imputation.constant(0),
              ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"));
        case "ordinal": {
          JsonNode m = ctx.required(n, "mapping");
          if (!m.isObject()) {
            throw ctx.error("'mapping' must be an object of text -> number");
          }
          Map<String, Double> mapping = new LinkedHashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = m.properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isNumber()) {
              throw ctx.error("mapping value for '" + e.getKey() + "' must be a number, got " + e.getValue());
            }
            mapping.put(e.getKey(), e.getValue().asDouble());
          }
          return new OrdinalFeature(info, ctx.requiredText(n, "attribute"), mapping, readImputation(ctx, n),
              ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"));
        }
        case "categorical":
          return new CategoricalFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "levels"),
              n.has("minCount") ? ctx.requiredInt(n, "minCount") : 1, ctx.optBool(n, "missingLevel", true),
              ctx.optStrings(n, "missingTokens"));
        case "eventCount":
          return new EventCountFeature(info, ctx.strings(n, "eventTypes"),
              ctx.optDouble(n, "windowDays", Double.POSITIVE_INFINITY), readDecay(ctx, n),
              ctx.optDouble(n, "cap", Double.POSITIVE_INFINITY), ctx.optBool(n, "log1p", false));
        case "recency":
          return new RecencyFeature(info, ctx.strings(n, "eventTypes"), ctx.requiredFinite(n, "capDays"),
              ctx.optBool(n, "missingFlag", false));
        case "titleSeniority":
          return new TitleSeniorityFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "missingTokens"));
        case "emailDomain":
          return new EmailDomainFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "freeMailDomains"),
              ctx.optStrings(n, "competitorDomains"));
        case "interaction":
          return new InteractionFeature(info, ctx.requiredText(n, "left"), ctx.requiredText(n, "right"));
        default:
          throw new AssertionError(kind);
      }
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
    ctx.allowOnly(r, Set.of("positive", "negative", "missing"));
    return new ReasonTemplates(ctx.requiredText(r, "positive"), ctx.requiredText(r, "negative"), ctx.requiredText(r, "missing"));
  }

  private static Imputation readImputation(Ctx ctx, JsonNode n) {
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

  private static Basis readBasis(Ctx ctx, JsonNode n) {
    if (!n.has("basis")) {
      return Basis.none();
    }
    JsonNode b = n.get("basis");
    ctx.object(b);
    ctx.allowOnly(b, Set.of("type", "knots"));
    String type = ctx.requiredText(b, "type");
    switch (type) {
      case "none":
        return Basis.none();
      case "hinge":
        return Basis.hinge(ctx.requiredInt(b, "knots"));
      case "quantileBins":
        return Basis.quantileBins(ctx.requiredInt(b, "knots"));
      default:
        throw ctx.error("basis type must be none, hinge or quantileBins, got '" + type + "'");
    }
  }

  private static Decay readDecay(Ctx ctx, JsonNode n) {
    if (!n.has("decay")) {
      return Decay.none();
    }
    JsonNode d = n.get("decay");
    ctx.object(d);
    String type = ctx.requiredText(d, "type");
    try {
      return readDecay(ctx, d, type);
    } catch (SchemaException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ctx.error("decay: " + e.getMessage());
    }
  }

  private static Decay readDecay(Ctx ctx, JsonNode d, String type) {
    switch (type) {
      case "none":
        ctx.allowOnly(d, Set.of("type"));
        return Decay.none();
      case "halfLife":
        ctx.allowOnly(d, Set.of("type", "days"));
        return new Decay.HalfLife(ctx.requiredFinite(d, "days"));
      case "steps": {
        ctx.allowOnly(d, Set.of("type", "steps", "beyond"));
        JsonNode arr = ctx.required(d, "steps");
        if (!arr.isArray()) {
          throw ctx.error("decay 'steps' must be an array");
        }
        List<Decay.Step> steps = new ArrayList<>();
        for (JsonNode s : arr) {
          ctx.object(s);
          ctx.allowOnly(s, Set.of("upToDays", "weight"));
          steps.add(new Decay.Step(ctx.requiredFinite(s, "upToDays"), ctx.requiredFinite(s, "weight")));
        }
        return new Decay.StepSchedule(steps, ctx.requiredFinite(d, "beyond"));
      }
      default:
        throw ctx.error("decay type must be none, halfLife or steps, got '" + type + "'");
    }
  }

  /** Where in the document we are, for error messages. */
  private static final class Ctx {
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
