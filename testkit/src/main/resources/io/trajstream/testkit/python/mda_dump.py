"""Reads a trajectory with an MDAnalysis reader and dumps what it reads as raw little-endian arrays.

usage: mda_dump.py TRAJECTORY FORMAT OUTPUT_DIR [READER_KWARGS_JSON]

Values stay in the file's units (convert_units=False; MDAnalysis gives DCD times in ps anyway).
OUTPUT_DIR gets meta.txt ("frames atoms"), time.f8, step.i8, lambda.f8 (NaN where absent),
box.f4 [F,6] (NaN where a frame has no box) and, for each of position, velocity and force that
some frame has, NAME.f4 [F,N,3] (NaN where a frame lacks it).
"""
import json
import os
import sys
import warnings

import numpy as np
import MDAnalysis as mda

warnings.simplefilter("ignore")
path, fmt, out = sys.argv[1], sys.argv[2], sys.argv[3]
kwargs = json.loads(sys.argv[4]) if len(sys.argv) > 4 else {}
Reader = mda.coordinates.core.get_reader_for(path, format=fmt)
r = Reader(path, convert_units=False, **kwargs)
F, N = r.n_frames, r.n_atoms
time = np.full(F, np.nan)
step = np.full(F, -1, dtype="<i8")
lam = np.full(F, np.nan)
box = np.full((F, 6), np.nan, dtype="<f4")
fields = {name: np.full((F, N, 3), np.nan, dtype="<f4") for name in ("position", "velocity", "force")}
seen = set()
for ts in r:
    i = ts.frame
    time[i] = ts.time
    step[i] = ts.data.get("step", -1)
    lam[i] = ts.data.get("lambda", np.nan)
    if ts.dimensions is not None:
        box[i] = ts.dimensions
    for name, has, get in (("position", ts.has_positions, lambda: ts.positions),
                           ("velocity", ts.has_velocities, lambda: ts.velocities),
                           ("force", ts.has_forces, lambda: ts.forces)):
        if has:
            fields[name][i] = get()
            seen.add(name)
r.close()
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "meta.txt"), "w") as f:
    f.write("%d %d\n" % (F, N))
time.astype("<f8").tofile(os.path.join(out, "time.f8"))
step.tofile(os.path.join(out, "step.i8"))
lam.astype("<f8").tofile(os.path.join(out, "lambda.f8"))
box.tofile(os.path.join(out, "box.f4"))
for name in seen:
    fields[name].tofile(os.path.join(out, name + ".f4"))
