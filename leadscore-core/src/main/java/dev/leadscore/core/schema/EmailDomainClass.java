package dev.leadscore.core.schema;

/** What kind of organisation an email address belongs to, as classified by {@link EmailDomainFeature}. */
public enum EmailDomainClass {
  /** A company's own domain: the usual sign of a business buyer. */
  CORPORATE,
  /** A free webmail provider (gmail.com, outlook.com, ...). */
  FREE_MAIL,
  /** A school or university (.edu, .ac.uk, .edu.au, ...): usually a student. */
  EDUCATION,
  /** A competitor's domain, from the schema's configured list. */
  COMPETITOR,
  /** Missing or not an email address. */
  UNKNOWN
}
