package dev.leadscore.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.ByteOrderMark;
import dev.leadscore.core.internal.DecayJson;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.Disqualifier;
import dev.leadscore.core.Policy;
import dev.leadscore.core.schema.ReasonTemplates;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of rule sets. Written field by field in a fixed order, so the compact form is
 * canonical and can be hashed; read strictly through Jackson's tree model (unknown kinds and
 * fields, repeated keys, wrong types and missing required fields are errors naming the rule and
 * the field), so a document can never choose a class to instantiate. Stateless.
 */
final class RuleJson {
  private RuleJson() {}

  /** Thread-safe once configured; never reconfigured. */
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final Set<String> TOP = Set.of("format", "formatVersion", "name", "version", "description", "base",
      "scale", "rules", "disqualifiers");
  /** Allowed fields per kind, in declaration order (error messages list the kinds in it). */
  private static final Map<String, Set<String>> FIELDS = fields();

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("levels", Set.of("kind", "id", "feature", "points", "reasons"));
    m.put("bands", Set.of("kind", "id", "feature", "bands", "reasons"));
    m.put("boolean", Set.of("kind", "id", "feature", "ifTrue", "ifFalse", "reasons"));
    m.put("events", Set.of("kind", "id", "eventTypes", "pointsPerEvent", "decay", "windowDays", "maxEvents", "reasons"));
    m.put("bonus", Set.of("kind", "id", "parts", "multiplier", "text"));
    return java.util.Collections.unmodifiableMap(m);
  }

  // ------------------------------------------------------------------------ text <-> tree

  static JsonNode parse(String text) {
    String json = ByteOrderMark.strip(text);
    if (json == null || json.isBlank()) {
      throw new RuleSetException("rule set JSON is empty");
    }
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RuleSetException("rule set is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr()), e);
    }
  }

  static String pretty(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a tree we built", e);
    }
  }

  // ---------------------------------------------------------------------------- writing

  static ObjectNode write(RuleSet set) {
    ObjectNode root = NODES.objectNode();
    root.put("format", RuleSet.FORMAT);
    root.put("formatVersion", RuleSet.FORMAT_VERSION);
    root.put("name", set.name());
    root.put("version", set.version());
    root.put("description", set.description());
    root.put("base", set.base());
    set.scale().ifPresent(s -> {
      ObjectNode o = root.putObject("scale");
      o.put("floor", s.floor());
      o.put("ceiling", s.ceiling());
    });
    ArrayNode rules = root.putArray("rules");
    for (Rule r : set.rules()) {
      rules.add(writeRule(r));
    }
    if (!set.policy().isEmpty()) { // written only when declared, so older rule sets keep their fingerprints
      ArrayNode ds = root.putArray("disqualifiers");
      for (Disqualifier d : set.policy().disqualifiers()) {
        ObjectNode o = ds.addObject();
        d.fields().forEach(o::put);
      }
    }
    return root;
  }

  private static ObjectNode writeRule(Rule rule) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", rule.kind());
    o.put("id", rule.id());
    ReasonTemplates reasons = null;
    if (rule instanceof Rule.Levels r) {
      o.put("feature", r.feature());
      ObjectNode p = o.putObject("points");
      r.points().forEach((k, v) -> p.put(k, v.doubleValue()));
      reasons = r.reasons();
    } else if (rule instanceof Rule.Bands r) {
      o.put("feature", r.feature());
      ArrayNode bands = o.putArray("bands");
      for (Rule.Band b : r.bands()) {
        ObjectNode bo = bands.addObject();
        putFinite(bo, "from", b.from());
        putFinite(bo, "to", b.to());
        bo.put("points", b.points());
      }
      reasons = r.reasons();
    } else if (rule instanceof Rule.Flag r) {
      o.put("feature", r.feature());
      o.put("ifTrue", r.ifTrue());
      o.put("ifFalse", r.ifFalse());
      reasons = r.reasons();
    } else if (rule instanceof Rule.Events r) {
      ArrayNode types = o.putArray("eventTypes");
      r.eventTypes().forEach(types::add);
      o.put("pointsPerEvent", r.pointsPerEvent());
      DecayJson.write(o, r.decay());
      putFinite(o, "windowDays", r.windowDays());
      o.put("maxEvents", r.maxEvents());
      reasons = r.reasons();
    } else if (rule instanceof Rule.Bonus r) {
      ArrayNode parts = o.putArray("parts");
      r.parts().forEach(parts::add);
      o.put("multiplier", r.multiplier());
      o.put("text", r.text());
    }
    if (reasons != null) {
      ObjectNode t = o.putObject("reasons");
      reasons.fields().forEach(t::put);
    }
    return o;
  }

  /** Unbounded limits are written by leaving the field out. */
  private static void putFinite(ObjectNode o, String field, double v) {
    if (Double.isFinite(v)) {
      o.put(field, v);
    }
  }

  // ---------------------------------------------------------------------------- reading

  static RuleSet read(JsonNode root) {
    Ctx ctx = new Ctx("rule set");
    ctx.object(root);
    ctx.allowOnly(root, TOP);
    String format = ctx.requiredText(root, "format");
    if (!RuleSet.FORMAT.equals(format)) {
      throw ctx.error("'format' must be '" + RuleSet.FORMAT + "', got '" + format + "'");
    }
    int fv = ctx.requiredInt(root, "formatVersion");
    if (fv != RuleSet.FORMAT_VERSION) {
      throw ctx.error("formatVersion " + fv + " is not supported; this version reads " + RuleSet.FORMAT_VERSION);
    }
    String name = ctx.requiredText(root, "name");
    ctx = new Ctx("rule set '" + name + "'");
    int version = ctx.requiredInt(root, "version");
    String description = root.has("description") ? ctx.requiredText(root, "description") : "";
    double base = root.has("base") ? ctx.requiredFinite(root, "base") : 0.0;
    RuleSet.Scale scale = null;
    if (root.has("scale")) {
      JsonNode s = root.get("scale");
      Ctx sc = new Ctx("rule set '" + name + "', scale");
      sc.object(s);
      sc.allowOnly(s, Set.of("floor", "ceiling"));
      try {
        scale = new RuleSet.Scale(sc.requiredFinite(s, "floor"), sc.requiredFinite(s, "ceiling"));
      } catch (RuleSetException e) {
        throw sc.error(e.getMessage());
      }
    }
    JsonNode arr = ctx.required(root, "rules");
    if (!arr.isArray()) {
      throw ctx.error("'rules' must be an array, got " + arr.getNodeType());
    }
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      rules.add(readRule(arr.get(i), i));
    }
    Policy policy = Policy.none();
    if (root.has("disqualifiers")) {
      JsonNode ds = root.get("disqualifiers");
      if (!ds.isArray()) {
        throw ctx.error("'disqualifiers' must be an array, got " + ds.getNodeType());
      }
      List<Disqualifier> list = new ArrayList<>();
      for (int i = 0; i < ds.size(); i++) {
        Ctx dc = new Ctx("rule set '" + name + "', disqualifiers[" + i + "]");
        JsonNode d = ds.get(i);
        dc.object(d);
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        d.fieldNames().forEachRemaining(k -> fields.put(k, dc.requiredText(d, k)));
        try {
          list.add(Disqualifier.fromFields(fields));
        } catch (IllegalArgumentException e) {
          throw dc.error(e.getMessage());
        }
      }
      policy = Policy.of(list);
    }
    return RuleSet.create(name, version, description, base, scale, rules, policy);
  }

  private static Rule readRule(JsonNode n, int index) {
    Ctx ctx = new Ctx("rules[" + index + "]");
    ctx.object(n);
    String id = ctx.requiredText(n, "id");
    ctx = new Ctx("rule '" + id + "' (rules[" + index + "])");
    String kind = ctx.requiredText(n, "kind");
    Set<String> allowed = FIELDS.get(kind);
    if (allowed == null) {
      throw ctx.error("unknown rule kind '" + kind + "'; known kinds are " + FIELDS.keySet());
    }
    ctx.allowOnly(n, allowed);
    try {
      switch (kind) {
        case "levels": {
          JsonNode p = ctx.required(n, "points");
          ctx.object(p, "points");
          Map<String, Double> points = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> e : p.properties()) {
            points.put(e.getKey(), ctx.finite(e.getValue(), "points." + e.getKey()));
          }
          return new Rule.Levels(id, ctx.requiredText(n, "feature"), points, readReasons(ctx, n));
        }
        case "bands": {
          JsonNode a = ctx.required(n, "bands");
          if (!a.isArray()) {
            throw ctx.error("field 'bands' must be an array, got " + a.getNodeType());
          }
          List<Rule.Band> bands = new ArrayList<>();
          for (int i = 0; i < a.size(); i++) {
            JsonNode b = a.get(i);
            String where = "bands[" + i + "]";
            ctx.object(b, where);
            ctx.allowOnly(b, Set.of("from", "to", "points"), where);
            double from = b.has("from") ? ctx.finite(b.get("from"), where + ".from") : Double.NEGATIVE_INFINITY;
            double to = b.has("to") ? ctx.finite(b.get("to"), where + ".to") : Double.POSITIVE_INFINITY;
            double pts = ctx.finite(ctx.required(b, "points", where), where + ".points");
            try {
              bands.add(new Rule.Band(from, to, pts));
            } catch (IllegalArgumentException e) {
              throw ctx.error(where + ": " + e.getMessage());
            }
          }
          return new Rule.Bands(id, ctx.requiredText(n, "feature"), bands, readReasons(ctx, n));
        }
        case "boolean":
          return new Rule.Flag(id, ctx.requiredText(n, "feature"), ctx.requiredFinite(n, "ifTrue"),
              n.has("ifFalse") ? ctx.requiredFinite(n, "ifFalse") : 0.0, readReasons(ctx, n));
        case "events":
          return new Rule.Events(id, ctx.strings(n, "eventTypes"), ctx.requiredFinite(n, "pointsPerEvent"),
              readDecay(ctx, n), n.has("windowDays") ? ctx.requiredFinite(n, "windowDays") : Double.POSITIVE_INFINITY,
              ctx.requiredInt(n, "maxEvents"), readReasons(ctx, n));
        case "bonus":
          return new Rule.Bonus(id, ctx.strings(n, "parts"), ctx.requiredFinite(n, "multiplier"),
              ctx.requiredText(n, "text"));
        default:
          throw new AssertionError(kind);
      }
    } catch (RuleSetException e) {
      String m = e.getMessage();
      if (m.startsWith(ctx.where)) {
        throw e;
      }
      String prefix = "rule '" + id + "': ";
      throw ctx.error(m.startsWith(prefix) ? m.substring(prefix.length()) : m);
    }
  }

  private static ReasonTemplates readReasons(Ctx ctx, JsonNode n) {
    if (!n.has("reasons")) {
      return null;
    }
    JsonNode r = n.get("reasons");
    ctx.object(r, "reasons");
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    r.fieldNames().forEachRemaining(k -> fields.put(k, ctx.requiredText(r, k, "reasons")));
    try {
      return ReasonTemplates.fromFields(fields);
    } catch (RuleSetException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ctx.error("reasons: " + e.getMessage());
    }
  }

  private static Decay readDecay(Ctx ctx, JsonNode n) {
    JsonNode d = ctx.required(n, "decay");
    ctx.object(d, "decay");
    String type = ctx.requiredText(d, "type", "decay");
    try {
      switch (type) {
        case "none":
          ctx.allowOnly(d, Set.of("type"), "decay");
          return Decay.none();
        case "halfLife": {
          ctx.allowOnly(d, Set.of("type", "days"), "decay");
          JsonNode days = ctx.required(d, "days", "decay");
          if (!days.isNumber()) {
            throw ctx.error("decay: field 'days' must be a number, got " + days);
          }
          return new Decay.HalfLife(days.asDouble());
        }
        case "steps": {
          ctx.allowOnly(d, Set.of("type", "steps", "beyond"), "decay");
          JsonNode arr = ctx.required(d, "steps", "decay");
          if (!arr.isArray()) {
            throw ctx.error("decay: field 'steps' must be an array, got " + arr.getNodeType());
          }
          List<Decay.Step> steps = new ArrayList<>();
          for (int i = 0; i < arr.size(); i++) {
            JsonNode s = arr.get(i);
            String where = "decay.steps[" + i + "]";
            ctx.object(s, where);
            ctx.allowOnly(s, Set.of("upToDays", "weight"), where);
            steps.add(new Decay.Step(ctx.finite(ctx.required(s, "upToDays", where), where + ".upToDays"),
                ctx.finite(ctx.required(s, "weight", where), where + ".weight")));
          }
          return new Decay.StepSchedule(steps, ctx.finite(ctx.required(d, "beyond", "decay"), "decay.beyond"));
        }
        default:
          throw ctx.error("decay type must be none, halfLife or steps, got '" + type + "'");
      }
    } catch (RuleSetException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw ctx.error("decay: " + e.getMessage());
    }
  }

  /** Where in the document we are, for error messages. */
  private static final class Ctx {
    private final String where;

    Ctx(String where) {
      this.where = where;
    }

    RuleSetException error(String problem) {
      return new RuleSetException(where + ": " + problem);
    }

    void object(JsonNode n) {
      if (n == null || !n.isObject()) {
        throw error("expected a JSON object, got " + (n == null ? "nothing" : n.getNodeType()));
      }
    }

    void object(JsonNode n, String field) {
      if (n == null || !n.isObject()) {
        throw error("field '" + field + "' must be a JSON object, got " + (n == null ? "nothing" : n.getNodeType()));
      }
    }

    void allowOnly(JsonNode n, Set<String> allowed) {
      allowOnly(n, allowed, null);
    }

    void allowOnly(JsonNode n, Set<String> allowed, String in) {
      for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
        String f = it.next();
        if (!allowed.contains(f)) {
          throw error((in == null ? "" : in + ": ") + "unknown field '" + f + "'; allowed fields are " + new TreeSet<>(allowed));
        }
      }
    }

    JsonNode required(JsonNode n, String field) {
      return required(n, field, null);
    }

    JsonNode required(JsonNode n, String field, String in) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw error((in == null ? "" : in + ": ") + "missing required field '" + field + "'");
      }
      return v;
    }

    String requiredText(JsonNode n, String field) {
      return requiredText(n, field, null);
    }

    String requiredText(JsonNode n, String field, String in) {
      JsonNode v = required(n, field, in);
      if (!v.isTextual()) {
        throw error((in == null ? "" : in + ": ") + "field '" + field + "' must be text, got " + v.getNodeType() + " " + v);
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
      return finite(required(n, field), field);
    }

    double finite(JsonNode v, String field) {
      if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
        throw error("field '" + field + "' must be a finite number, got " + v);
      }
      return v.asDouble();
    }

    List<String> strings(JsonNode n, String field) {
      JsonNode v = required(n, field);
      if (!v.isArray()) {
        throw error("field '" + field + "' must be an array of text, got " + v.getNodeType());
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw error("field '" + field + "' must hold only text, got " + e);
        }
        out.add(e.asText());
      }
      return out;
    }
  }
}
