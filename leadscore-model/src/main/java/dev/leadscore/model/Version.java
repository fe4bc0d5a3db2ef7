package dev.leadscore.model;

/** The library version recorded in artifacts; keep in step with the Maven project version. */
final class Version {
  private Version() {}

  static final String LIBRARY = "0.1.0-SNAPSHOT";
}
