package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The HDF5 reader's checks before it allocates (issue 13, attack 8): a 1.4 KB chunked file
 * claiming 30000 x 30000 float64 values (chunks never written read as the fill value, so the
 * file is legal) ran the driver out of memory. The numbers are the attack's: 9e8 values, 8 bytes
 * read plus 8 bytes as double each = 14.4 GB.
 */
class Hdf5BoundsTest {
  @Test
  void aHugeClaimedShapeIsRefusedBeforeAllocating() {
    InputException e = assertThrows(InputException.class, () -> Hdf5Reader.requireReadable(
        "x.h5", "/reps", new int[] {30000, 30000}, 8, 1400, 1400, 4_000_000_000L));
    assertEquals("x.h5: HDF5 dataset '/reps' has shape (30000, 30000), 14.40 GB to read on the"
        + " driver, more than half its free heap (4.00 GB); give the driver more memory"
        + " (--driver-memory) or split the dataset", e.getMessage());
  }

  @Test
  void storageBeyondTheEndOfTheFileIsRefused() {
    InputException e = assertThrows(InputException.class, () -> Hdf5Reader.requireReadable(
        "x.h5", "/reps", new int[] {30, 4}, 8, 2000, 1500, 4_000_000_000L));
    assertEquals("x.h5: HDF5 dataset '/reps' needs 2000 bytes of the file but the file has only"
        + " 1500; the file is truncated (copy it again)", e.getMessage());
  }

  @Test
  void aDatasetThatFitsPasses() {
    Hdf5Reader.requireReadable("x.h5", "/reps", new int[] {30, 4}, 8, 1500, 1500,
        4_000_000_000L);
  }
}
