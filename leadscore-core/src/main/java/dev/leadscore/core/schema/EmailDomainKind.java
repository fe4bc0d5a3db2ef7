package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The {@link EmailDomainFeature} kind: JSON form, extraction, columns (one per domain class), offers. */
final class EmailDomainKind extends FeatureKind {
  static final String NAME = "emailDomain";
  static final Set<String> FIELDS = Set.of("attribute", "freeMailDomains", "competitorDomains");

  private final EmailDomainFeature f;

  EmailDomainKind(EmailDomainFeature f) {
    super(f);
    this.f = f;
  }

  static EmailDomainFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new EmailDomainFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "freeMailDomains"),
        ctx.optStrings(n, "competitorDomains"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    SchemaJson.putStrings(o, "freeMailDomains", f.freeMailDomains());
    SchemaJson.putStrings(o, "competitorDomains", f.competitorDomains());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return null; // the classes are fixed
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    return new Compiled(f, offset);
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return fixedLevelColumns(offset, EmailDomainClass.values());
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none().withLevels("unknown", false, false);
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
    private static final EmailDomainClass[] CLASSES = EmailDomainClass.values();
    private final EmailDomains.DomainSets domains;
    private final Values.MissingTokens noTokens = new Values.MissingTokens(List.of());
    private final String attribute; // copied from the spec as in NumericKind

    Compiled(EmailDomainFeature f, int offset) {
      super(f, offset);
      this.attribute = f.attribute();
      this.domains = new EmailDomains.DomainSets(
          f.freeMailDomainsInUse(),
          Set.copyOf(f.competitorDomains()));
    }

    EmailDomainClass domainClass(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      String t = Values.rawText(lead.id(), attribute, v, noTokens, false);
      return t == null ? EmailDomainClass.UNKNOWN : EmailDomains.classify(t, domains);
    }

    @Override
    int width() {
      return CLASSES.length;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + CLASSES.length, 0.0);
      out[offset + domainClass(lead).ordinal()] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      EmailDomainClass c = domainClass(lead);
      return c == EmailDomainClass.UNKNOWN ? null : c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
