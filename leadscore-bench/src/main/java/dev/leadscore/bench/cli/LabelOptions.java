package dev.leadscore.bench.cli;

import picocli.CommandLine.Option;

/** Which column says whether a lead converted. */
public final class LabelOptions {
  @Option(names = "--label-column", required = true, paramLabel = "COL",
      description = "Column saying whether the lead converted.")
  String labelColumn;

  @Option(names = "--positive", paramLabel = "VALUE", defaultValue = "1",
      description = "Label value meaning converted, compared ignoring case, e.g. 1, yes, TRUE (default: ${DEFAULT-VALUE});"
          + " any other non-blank value means not converted.")
  String positive;
}
