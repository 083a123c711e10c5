package org.mlem.jobs.sweep;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.NumericArray;

/**
 * A representation set cut from brain data that the sweep read and checked once at discovery:
 * the columns of one ROI of a stimuli x voxels matrix, or the channels x time points of one
 * window of the epochs.
 *
 * @param rows stimuli (checked against the ids before any set runs)
 * @param values the set's stimuli x dimensions matrix, made when the set runs
 * @param files provenance of the files it was cut from
 * @param recorded what the set's run.json records about the cut (ROI label and voxels, window)
 */
record CutSet(int rows, Supplier<NumericArray> values, List<InputFile> files,
    Map<String, String> recorded) {
  CutSet {
    files = List.copyOf(files);
    recorded = Map.copyOf(recorded);
  }
}
