"""MDAnalysis's ChainReader over H5MD parts: frames, times, RMSD and radius of gyration per frame.

usage: mda_chain.py CONTINUOUS(0|1) SELECTION PART...

Prints JSON {"frames": n, "time": [...], "step": [...], "rmsd": [...], "rg": [...], "first": [...]}
where rmsd is MDAnalysis.analysis.rms.RMSD of SELECTION against frame 0 (with superposition),
rg the geometric radius of gyration (unit masses) of SELECTION, and first the first coordinate
of the first atom per frame. Values in the files' units (convert_units=False).

ChainReader accepts continuous=True for XTC and TRR only; the same joining logic is applied to
H5MD parts here by lifting that format check (nothing else of the reader is changed).
"""
import json
import sys
import warnings

import numpy as np
import MDAnalysis as mda
import MDAnalysis.coordinates.chain as chain
from MDAnalysis.analysis import rms

warnings.simplefilter("ignore")
continuous = sys.argv[1] == "1"
sel = sys.argv[2]
parts = sys.argv[3:]
if continuous:
    chain.check_allowed_filetypes = lambda readers, allowed: None
import h5py
with h5py.File(parts[0], "r") as f:
    group = next(iter(f["particles"]))
    n_atoms = f["particles"][group]["position"]["value"].shape[1]
u = mda.Universe.empty(n_atoms, trajectory=False)
u.add_TopologyAttr("masses", np.ones(n_atoms))
u.trajectory = chain.ChainReader(parts, continuous=continuous, format="H5MD", convert_units=False)
ag = u.select_atoms(sel)
time, step, rg, firstc = [], [], [], []
for ts in u.trajectory:
    time.append(float(ts.time))
    step.append(int(ts.data.get("step", -1)))
    rg.append(float(ag.radius_of_gyration()))
    firstc.append(float(ts.positions[0, 0]))
r = rms.RMSD(ag, ag, select="all", ref_frame=0).run()
print(json.dumps({"frames": int(u.trajectory.n_frames), "time": time, "step": step,
                  "rmsd": [float(v) for v in r.results.rmsd[:, 2]], "rg": rg, "first": firstc}))
