package org.mlem.jobs.fit;

import java.util.List;
import java.util.Optional;
import org.mlem.core.api.Mlem;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.pairs.PredefinedSplit;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.SplitInput;

/**
 * The analysis of one fit with its splits settled before any fitting: the random split of the
 * configuration, a predefined one ({@code --split-column} / {@code --split-file}, aligned to the
 * analysed ids by the core's {@link PredefinedSplit}) or splits held fixed by the caller, each
 * subsampled to {@code --train-size}. Every problem (an id without a label, a fold too small, a
 * train size above the training stimuli) is an {@link InputException} raised here, before
 * anything is fitted or written.
 *
 * @param mlem the analysis to run
 * @param description what run.json records as {@code split}, e.g. {@code train/test (80 train,
 *     20 test) from split file s.csv}, or null for the random split
 * @param file the split file's provenance (an input of run.json), or null
 */
public record ChosenSplit(Mlem mlem, String description, InputFile file) {

  /**
   * Settles the splits of a fit.
   *
   * @param s the fit's settings (configuration and split source)
   * @param features the analysed stimuli
   * @param labels the labels read from the split source, empty for the random split
   * @return the analysis and what to record
   * @throws InputException on a bad split or train size, naming the source and ids
   */
  public static ChosenSplit of(FitSettings s, EncodedFeatures features,
      Optional<SplitInput.Labels> labels) {
    Mlem mlem = Mlem.with(s.config());
    String description = null;
    InputFile file = null;
    try {
      if (labels.isPresent()) {
        PredefinedSplit split = PredefinedSplit.align(features.ids(), labels.get().labels(),
            labels.get().source());
        mlem = mlem.withSplits(split.splits());
        description = split.describe() + " from " + labels.get().source();
        file = labels.get().file();
      }
      mlem.splits(features.size());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    return new ChosenSplit(mlem, description, file);
  }

  /**
   * The analysis of a fit on splits held fixed by the caller (e.g. every fit of a sample
   * efficiency study on the same test fold), subsampled to the configuration's train size.
   *
   * @throws InputException if the train size exceeds a split's training stimuli
   */
  public static ChosenSplit fixed(FitSettings s, EncodedFeatures features,
      List<StimulusSplit> splits) {
    Mlem mlem = Mlem.with(s.config()).withSplits(splits);
    try {
      mlem.splits(features.size());
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage(), e);
    }
    return new ChosenSplit(mlem, null, null);
  }
}
