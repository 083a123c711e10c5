"""Writes the .npy files NpyWriterTest compares NpyWriter's bytes with, using numpy.save itself
(the independent implementation of the format). Run from the repository root:

    python3 jobs/src/test/python/make_npy_writer_fixtures.py

small.npy: the 2 x 3 float32 matrix [[1.5, -2.25, 3], [0.1, 1e-45, -0.0]] (a subnormal and a
negative zero); blocks.npy: 129 x 128 float32 values (i * 0.25 - 1000 for i = 0, 1, ... in row
order, computed in float64 and rounded once), more than one 64 KiB block of the writer.
"""
import numpy as np

OUT = "jobs/src/test/resources/arrays/"
np.save(OUT + "npy_writer_small.npy",
        np.array([[1.5, -2.25, 3.0], [0.1, 1e-45, -0.0]], dtype="<f4"))
np.save(OUT + "npy_writer_blocks.npy",
        (np.arange(129 * 128, dtype=np.float64) * 0.25 - 1000.0).astype("<f4").reshape(129, 128))
