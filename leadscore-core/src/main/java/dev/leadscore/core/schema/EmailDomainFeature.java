package dev.leadscore.core.schema;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An email address classified by its domain into an {@link EmailDomainClass} and one-hot encoded
 * over all five classes. Competitor domains match themselves and their subdomains. When
 * {@code freeMailDomains} is empty a built-in list of common providers is used. A number or
 * boolean where an address is expected is rejected with a {@code LeadDataException}.
 *
 * <p>Columns: {@code <name>=corporate}, {@code =free_mail}, {@code =education},
 * {@code =competitor}, {@code =unknown}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute holding the address
 * @param freeMailDomains free-mail domains (lower-cased on construction), or empty for the built-in list
 * @param competitorDomains competitor domains (lower-cased on construction)
 */
public record EmailDomainFeature(FeatureInfo info, String attribute, List<String> freeMailDomains,
    List<String> competitorDomains) implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute holding the address
   * @param freeMailDomains free-mail domains (lower-cased on construction), or empty for the built-in list
   * @param competitorDomains competitor domains (lower-cased on construction)
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public EmailDomainFeature {
    attribute = Specs.attribute(info, attribute);
    freeMailDomains = lower(info, Specs.tokens(freeMailDomains));
    competitorDomains = lower(info, Specs.tokens(competitorDomains));
  }

  private static List<String> lower(FeatureInfo info, List<String> domains) {
    for (String d : domains) {
      if (d == null || d.isBlank() || d.contains("@")) {
        throw SchemaException.of(info.name(), "domains must be bare domain names like 'rival.com', got " + domains);
      }
    }
    return domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).toList();
  }

  /**
   * The free-mail domains this feature classifies as free mail: its own list, or the built-in one
   * when its list is empty. Lower-case and unmodifiable.
   *
   * @return the free-mail domains in use
   */
  public Set<String> freeMailDomainsInUse() {
    return freeMailDomains.isEmpty() ? EmailDomains.DEFAULT_FREE_MAIL : Set.copyOf(freeMailDomains);
  }

  /** {@return the built-in list of common free-mail providers' domains (lower-case, unmodifiable)} */
  public static Set<String> defaultFreeMailDomains() {
    return EmailDomains.DEFAULT_FREE_MAIL;
  }

  @Override
  public String kind() {
    return EmailDomainKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new EmailDomainKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
