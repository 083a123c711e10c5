package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.metric.Model;
import org.mlem.core.rank.SoftRankStrength;

/**
 * Parses the comma-separated list options of the experiments ({@code --noise 0,0.5,1},
 * {@code --models mlem,frrsa-i}, {@code --strengths absolute:1.0,relative:1.0}). Errors are
 * IllegalArgumentExceptions naming the option, the bad item and what is allowed.
 */
public final class ExperimentLists {
  private ExperimentLists() {}

  /** Noise levels: numbers, each finite and >= 0. */
  public static List<Double> noise(String option, String text) {
    List<Double> levels = new ArrayList<>();
    for (String item : items(option, text)) {
      double level;
      try {
        level = Double.parseDouble(item);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be comma-separated numbers >= 0 "
            + "(e.g. 0,0.5,1), found '" + item + "' in '" + text + "'");
      }
      if (!Double.isFinite(level) || level < 0) {
        throw new IllegalArgumentException(option + " levels must be finite and >= 0, found '"
            + item + "' in '" + text + "'");
      }
      levels.add(level);
    }
    return levels;
  }

  /** Train sizes: integers >= 4, or all (0, {@link EfficiencyStudy#ALL}). */
  public static List<Integer> trainSizes(String option, String text) {
    List<Integer> sizes = new ArrayList<>();
    for (String item : items(option, text)) {
      if (item.equalsIgnoreCase("all")) {
        sizes.add(EfficiencyStudy.ALL);
        continue;
      }
      int size;
      try {
        size = Integer.parseInt(item);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " must be comma-separated integers or all "
            + "(e.g. 50,100,200,all), found '" + item + "' in '" + text + "'");
      }
      if (size < org.mlem.core.config.MlemOptions.MINIMUM_TRAIN_SIZE) {
        throw new IllegalArgumentException(option + " sizes must be >= "
            + org.mlem.core.config.MlemOptions.MINIMUM_TRAIN_SIZE + " or all, found '" + item
            + "' in '" + text + "'");
      }
      sizes.add(size);
    }
    return sizes;
  }

  /** Models: mlem, frrsa, frrsa-i, frrsa-ridge, frrsa-ridge-i. */
  public static List<Model> models(String option, String text) {
    List<Model> models = new ArrayList<>();
    for (String item : items(option, text)) {
      try {
        models.add(Model.parse(item));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + " must list models among "
            + java.util.Arrays.stream(Model.values()).map(Model::cliName)
                .collect(java.util.stream.Collectors.joining(", "))
            + ", found '" + item + "' in '" + text + "'", e);
      }
    }
    return models;
  }

  /** Soft-rank strengths: absolute:EPS or relative:C. */
  public static List<SoftRankStrength> strengths(String option, String text) {
    List<SoftRankStrength> strengths = new ArrayList<>();
    for (String item : items(option, text)) {
      try {
        strengths.add(SoftRankStrength.parse(item));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(option + " must list strengths like absolute:1.0 or "
            + "relative:1.0, found '" + item + "' in '" + text + "': " + e.getMessage(), e);
      }
    }
    return strengths;
  }

  private static List<String> items(String option, String text) {
    List<String> items = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String item = part.trim();
      if (item.isEmpty()) {
        throw new IllegalArgumentException(
            option + " must be a comma-separated list, found an empty item in '" + text + "'");
      }
      items.add(item);
    }
    return items;
  }
}
