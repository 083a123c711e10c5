package org.mlem.jobs.report;

import java.util.regex.Pattern;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;

/**
 * How a sweep's set names are shown to users. A set found by a glob is named by its directory,
 * and a directory written by Spark's partitioned writer escapes its value ({@code set=layer%3D0}
 * holds the rows whose {@code set} is {@code layer=0}); the reports show such a name decoded
 * ({@code set=layer=0}), as Spark reads the partition value. The name in the files (run
 * directory, combined table, seeds) is unchanged.
 */
public final class SetNames {
  /** A Hive-style partition directory name whose value holds a %XX escape. */
  private static final Pattern ESCAPED_PARTITION =
      Pattern.compile("[^=%/]+=[^/]*%[0-9A-Fa-f]{2}[^/]*");

  private SetNames() {}

  /** The set's name as users see it: a partition directory's value unescaped, else as is. */
  public static String display(String name) {
    if (name == null || !ESCAPED_PARTITION.matcher(name).matches()) {
      return name;
    }
    int eq = name.indexOf('=');
    return name.substring(0, eq + 1)
        + ExternalCatalogUtils.unescapePathName(name.substring(eq + 1));
  }
}
