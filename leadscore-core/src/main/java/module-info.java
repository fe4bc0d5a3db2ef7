/**
 * leadscore core: lead types, the declarative feature schema and its extraction, action tiers,
 * the {@link dev.leadscore.core.LeadScorer} API, lead I/O, the synthetic pipeline, and running it
 * for real (champion/challenger experiments, account roll-ups). Only these packages are
 * exported; the machinery in them is package-private.
 */
// "module": core is compiled before the modules its internal package is exported to.
@SuppressWarnings("module")
module dev.leadscore.core {
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.csv;

  exports dev.leadscore.core;
  exports dev.leadscore.core.schema;
  exports dev.leadscore.core.io;
  exports dev.leadscore.core.synth;
  exports dev.leadscore.core.ops;
  // Machinery shared with leadscore's own modules (the compact event form for the rule scorer's
  // event pass; SHA-256, the canonical JSON forms and the normal distribution), never API.
  exports dev.leadscore.core.internal to dev.leadscore.rules, dev.leadscore.model;
}
