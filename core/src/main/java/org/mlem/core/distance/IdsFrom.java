package org.mlem.core.distance;

import java.util.Locale;

/**
 * Which stimuli an analysis uses when the feature table and the neural data (representations or
 * an RDM) do not list the same ids. The stimulus order is always the feature table's.
 */
public enum IdsFrom {
  /** Both sides must list the same ids; any id on one side only is an error (the default). */
  REFUSE,
  /** The feature table's ids; neural rows without a feature row are dropped. */
  FEATURES,
  /** The neural data's ids; feature rows without neural data are dropped. */
  REPRESENTATIONS,
  /** The ids on both sides (the intersection); everything else is dropped. */
  BOTH;

  /** The user-facing value ("refuse", "features", "representations", "both"). */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The value a user wrote.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static IdsFrom parse(String text) {
    for (IdsFrom value : values()) {
      if (value.cliName().equals(text == null ? null : text.strip().toLowerCase(Locale.ROOT))) {
        return value;
      }
    }
    throw new IllegalArgumentException("ids-from must be one of refuse, features,"
        + " representations or both, found '" + text + "'");
  }
}
