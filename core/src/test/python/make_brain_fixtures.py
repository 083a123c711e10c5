#!/usr/bin/env python3
"""Writes the NIfTI test files of org.mlem.core.brain and their expected values.

Run from the repository root:  python3 core/src/test/python/make_brain_fixtures.py
Needs numpy and nibabel (Debian: python3-nibabel). Writes core/src/test/resources/brain/:
the images (NIfTI-1 and NIfTI-2, .nii and .nii.gz, several data types, 3-D and 4-D, a mask, an
atlas with a label table, and bad files for the error tests) and expected.json, whose numbers
come from nibabel reading the written files back (img.affine, img.get_fdata()), never from the
Java code under test. The one exception is 'pixdim_only.nii': its affine is the NIfTI
specification's method 1 (diag(pixdim), no offset), computed here by hand, because nibabel
replaces that method by a centred affine of its own.
"""
import json
import os

import nibabel as nib
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "brain")
rng = np.random.default_rng(20261202)


def rotation_affine(voxel, angle_deg, offset, flip=False):
    a = np.deg2rad(angle_deg)
    r = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    if flip:
        r = r @ np.diag([-1, 1, 1])
    aff = np.eye(4)
    aff[:3, :3] = r @ np.diag(voxel)
    aff[:3, 3] = offset
    return aff


SPARSE = [(0, 0, 0), (1, 2, 0), (3, 4, 2), (2, 1, 1)]


def expected(name, img, volumes):
    data = img.get_fdata(dtype=np.float64)
    entry = {
        "file": name,
        "version": 2 if isinstance(img, nib.Nifti2Image) else 1,
        "shape": [int(s) for s in data.shape],
        "datatype": int(img.header["datatype"]),
        # the on-disk scaling (nibabel moves it from img.header to img.dataobj when loading)
        "scl_slope": float(img.dataobj.slope),
        "scl_inter": float(img.dataobj.inter),
        "affine": img.affine[:3, :].tolist(),
        "voxels": [],
    }
    for t in volumes:
        for (i, j, k) in SPARSE:
            if i < data.shape[0] and j < data.shape[1] and k < data.shape[2]:
                v = data[i, j, k, t] if data.ndim == 4 else data[i, j, k]
                entry["voxels"].append({"i": i, "j": j, "k": k, "t": t, "value": float(v)})
    return entry


def save(img, name):
    nib.save(img, os.path.join(OUT, name))
    return nib.load(os.path.join(OUT, name))


def main():
    os.makedirs(OUT, exist_ok=True)
    shape = (4, 5, 3)
    entries = []

    # NIfTI-1, int16 scaled (nibabel picks scl_slope/scl_inter), 4-D series of 6, sform + qform
    aff1 = rotation_affine([2.0, 2.5, 3.0], 15, [-40.0, 12.5, 7.0])
    series = rng.normal(50.0, 20.0, size=shape + (6,))
    img = nib.Nifti1Image(series, aff1)
    img.set_data_dtype(np.int16)
    img.header.set_sform(aff1, code=4)
    img.header.set_qform(aff1, code=1)
    back = save(img, "series_n1_int16.nii.gz")
    assert back.dataobj.slope != 1.0 and back.dataobj.inter != 0.0, back.dataobj.slope
    entries.append(expected("series_n1_int16.nii.gz", back, [0, 3, 5]))

    # NIfTI-1, float32, qform only (a rotation with a flip: qfac = -1), .nii
    aff2 = rotation_affine([1.5, 1.5, 2.0], -30, [10.0, -20.0, 30.0], flip=True)
    img = nib.Nifti1Image(rng.normal(size=shape + (3,)).astype(np.float32), None)
    img.header.set_qform(aff2, code=1)
    img.header.set_sform(None, code=0)
    back = save(img, "series_n1_float32_qform.nii")
    assert int(back.header["sform_code"]) == 0 and int(back.header["qform_code"]) == 1
    assert float(back.header["pixdim"][0]) == -1.0
    entries.append(expected("series_n1_float32_qform.nii", back, [0, 2]))

    # NIfTI-1, float32, big-endian, 3-D
    hdr = nib.Nifti1Header(endianness=">")
    img = nib.Nifti1Image(rng.normal(size=shape).astype(np.float32), aff1, header=hdr)
    back = save(img, "volume_n1_float32_be.nii")
    assert back.header.endianness == ">"
    entries.append(expected("volume_n1_float32_be.nii", back, [0]))

    # NIfTI-2, float64, 3-D, .nii ; NIfTI-2, int32, 4-D, .nii.gz
    img = nib.Nifti2Image(rng.normal(size=shape), aff2)
    back = save(img, "volume_n2_float64.nii")
    entries.append(expected("volume_n2_float64.nii", back, [0]))
    img = nib.Nifti2Image(rng.integers(-1000, 1000, size=shape + (2,)).astype(np.int32), aff1)
    img.set_data_dtype(np.int32)
    back = save(img, "series_n2_int32.nii.gz")
    entries.append(expected("series_n2_int32.nii.gz", back, [0, 1]))

    # uint8, and no sform/qform (the specification's method 1)
    img = nib.Nifti1Image(rng.integers(0, 255, size=shape).astype(np.uint8), None)
    img.header.set_zooms((2.0, 3.0, 4.0))
    img.header.set_sform(None, code=0)
    img.header.set_qform(None, code=0)
    back = save(img, "pixdim_only.nii")
    e = expected("pixdim_only.nii", back, [0])
    e["affine"] = [[2.0, 0, 0, 0], [0, 3.0, 0, 0], [0, 0, 4.0, 0]]
    e["affine_source"] = "NIfTI-1 method 1 by hand (nibabel centres it)"
    entries.append(e)

    # a mask (uint8) and an atlas (int16 labels 1, 2, 3) on the grid of aff1, with a label table
    mask = np.zeros(shape, dtype=np.uint8)
    mask[1:4, 1:5, :] = 1
    save(nib.Nifti1Image(mask, aff1), "mask.nii.gz")
    atlas = np.zeros(shape, dtype=np.int16)
    atlas[0:2, :, :] = 1
    atlas[2:4, 0:3, :] = 2
    atlas[2:4, 3:5, 1:3] = 3
    save(nib.Nifti1Image(atlas, aff1), "atlas.nii.gz")
    with open(os.path.join(OUT, "atlas_labels.tsv"), "w") as f:
        f.write("label\tname\n0\tbackground\n1\tV1\n2\tFFA left\n3\tPPA\n")
    back_mask = nib.load(os.path.join(OUT, "mask.nii.gz")).get_fdata()
    back_atlas = nib.load(os.path.join(OUT, "atlas.nii.gz")).get_fdata()
    rois = {}
    for label in (1, 2, 3):
        ijk = np.argwhere((back_atlas == label) & (back_mask != 0))
        flat = sorted(int(i + shape[0] * (j + shape[1] * k)) for i, j, k in ijk)
        rois[str(label)] = flat
    mask_flat = sorted(int(i + shape[0] * (j + shape[1] * k))
                       for i, j, k in np.argwhere(back_mask != 0))

    # bad files: NaN voxels, a mask of another shape, a complex64 image, a table naming label 9
    nan_series = rng.normal(size=shape + (4,)).astype(np.float32)
    nan_series[1, 1, 0, 2] = np.nan
    nan_series[2, 3, 1, 0] = np.nan
    nan_series[2, 3, 1, 3] = np.inf
    save(nib.Nifti1Image(nan_series, aff1), "bad_nan_series.nii.gz")
    save(nib.Nifti1Image(np.ones((4, 5, 4), dtype=np.uint8), aff1), "bad_mask_shape.nii.gz")
    save(nib.Nifti1Image((rng.normal(size=shape) + 1j).astype(np.complex64), aff1),
         "bad_complex64.nii")
    with open(os.path.join(OUT, "bad_labels_extra.tsv"), "w") as f:
        f.write("1\tV1\n2\tFFA left\n3\tPPA\n9\tnowhere\n")

    # a mask missing ROI 3 (PPA) entirely: an empty ROI
    no_ppa = back_mask.copy()
    no_ppa[back_atlas == 3] = 0
    save(nib.Nifti1Image(no_ppa.astype(np.uint8), aff1), "bad_mask_without_ppa.nii.gz")

    # end-to-end sweeps (jobs' VolumeSweepTest): 40 stimuli, as the jobs' sweep fixtures have;
    # a 4-D float32 series and the same volumes as 40 3-D files named vol_1 .. vol_40
    e2e = rng.normal(size=shape + (40,)).astype(np.float32)
    save(nib.Nifti1Image(e2e, aff1), "e2e_series.nii.gz")
    os.makedirs(os.path.join(OUT, "e2e_volumes"), exist_ok=True)
    for t in range(40):
        save(nib.Nifti1Image(e2e[..., t], aff1), os.path.join("e2e_volumes",
                                                             "vol_%d.nii.gz" % (t + 1)))

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"source": "nibabel " + nib.__version__ + ", numpy " + np.__version__
                   + " (core/src/test/python/make_brain_fixtures.py)",
                   "images": entries, "mask_voxels": mask_flat, "atlas_rois": rois}, f, indent=1)


if __name__ == "__main__":
    main()
