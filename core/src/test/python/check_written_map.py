#!/usr/bin/env python3
"""Reads a NIfTI image written by org.mlem.core.brain.NiftiWriter with nibabel and reports it.

Usage:  python3 core/src/test/python/check_written_map.py IMAGE EXPECTED.json
Needs numpy and nibabel (Debian: python3-nibabel). EXPECTED.json holds "values" (the values the
test wrote, flat with i fastest, null for NaN). Prints one JSON object: the data shape, the
sform and qform codes, nibabel's affine (img.affine, from the sform), the affine of the qform
alone (header.get_qform()), the header's qfac and zooms, the count of NaN voxels, the sum of
the others, and the largest absolute difference between nibabel's data (in Fortran order, i
fastest) and the expected values over the voxels that are not NaN in both, with the count of
voxels NaN in exactly one of them. NiftiWriterTest runs it when /usr/bin/python3 has nibabel.
"""
import json
import sys

import nibabel as nib
import numpy as np


def main(image, expected):
    img = nib.load(image)
    data = np.asarray(img.dataobj, dtype=np.float64)
    with open(expected) as f:
        want = np.array([np.nan if v is None else v for v in json.load(f)["values"]],
                        dtype=np.float64)
    flat = data.reshape(-1, order="F")
    both = ~np.isnan(flat) & ~np.isnan(want)
    nan_mismatch = int(np.sum(np.isnan(flat) != np.isnan(want))) if flat.size == want.size else -1
    diff = float(np.max(np.abs(flat[both] - want[both]))) if flat.size == want.size and both.any() \
        else 0.0
    hdr = img.header
    print(json.dumps({
        "shape": [int(s) for s in data.shape],
        "datatype": int(hdr["datatype"]),
        "sform_code": int(hdr["sform_code"]),
        "qform_code": int(hdr["qform_code"]),
        "affine": img.affine[:3, :].tolist(),
        "qform": hdr.get_qform()[:3, :].tolist(),
        "qfac": float(hdr["pixdim"][0]),
        "zooms": [float(z) for z in hdr.get_zooms()[:3]],
        "nan_count": int(np.isnan(flat).sum()),
        "sum": float(np.nansum(flat)),
        "max_abs_diff": diff,
        "nan_mismatch": nan_mismatch,
        "descrip": hdr["descrip"].item().decode("ascii"),
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
