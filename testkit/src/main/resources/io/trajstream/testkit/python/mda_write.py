"""Writes a trajectory with an MDAnalysis writer from raw little-endian arrays.

usage: mda_write.py INPUT_DIR OUT FORMAT WRITER_KWARGS_JSON

INPUT_DIR holds meta.txt ("frames atoms") and position.f4 [F,N,3], and optionally velocity.f4,
force.f4 [F,N,3], box.f4 [F,6] (a b c alpha beta gamma), time.f8 [F], step.i8 [F], lambda.f8 [F].
Values are written as given, without unit conversion.
"""
import json
import os
import sys
import warnings

import numpy as np
import MDAnalysis as mda
from MDAnalysis.coordinates.memory import MemoryReader

warnings.simplefilter("ignore")
src, out, fmt, kwargs = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
F, N = (int(v) for v in open(os.path.join(src, "meta.txt")).read().split())


def arr(name, shape, dtype):
    p = os.path.join(src, name)
    return np.fromfile(p, dtype=dtype).reshape(shape) if os.path.exists(p) else None


pos = arr("position.f4", (F, N, 3), "<f4")
vel = arr("velocity.f4", (F, N, 3), "<f4")
frc = arr("force.f4", (F, N, 3), "<f4")
box = arr("box.f4", (F, 6), "<f4")
time = arr("time.f8", (F,), "<f8")
step = arr("step.i8", (F,), "<i8")
lam = arr("lambda.f8", (F,), "<f8")

u = mda.Universe.empty(N, trajectory=True)
u.load_new(pos, format=MemoryReader, velocities=vel, forces=frc, dimensions=box)
Writer = mda.coordinates.core.get_writer_for(out, format=fmt)
# Values are written as given. Rather than convert_units=False (MDAnalysis 2.4's TRRWriter then
# fails on the box), the writer's unit conversions are made identities.
with Writer(out, n_atoms=N, **kwargs) as w:
    for name in ("convert_pos_to_native", "convert_velocities_to_native", "convert_forces_to_native",
                 "convert_time_to_native"):
        setattr(w, name, lambda x, inplace=True: x)
    w.convert_dimensions_to_unitcell = lambda ts, inplace=True: None if ts.dimensions is None else ts.dimensions.copy()
    for i in range(F):
        ts = u.trajectory[i]
        if time is not None:
            ts.time = float(time[i])
        if step is not None:
            ts.data["step"] = int(step[i])
            if fmt.upper() == "XTC":
                # MDAnalysis 2.4's XTCWriter writes the frame number as the step
                ts.frame = int(step[i])
        if lam is not None:
            ts.data["lambda"] = float(lam[i])
        w.write(u)
