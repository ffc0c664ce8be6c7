"""Reference values from MDAnalysis for TrajStream's analysis tests.

usage: mda_reference.py SYSTEM TASKS
  SYSTEM: a directory with meta.txt ("atoms frames"), positions.f32 (frames x atoms x 3 float32),
          boxes.f32 (frames x 6 float32) and masses.f64 (atoms float64), or a topology file (.pdb/.gro).
  TASKS:  a file with one task per line: LABEL<TAB>KIND<TAB>JSON-PARAMS
Prints one line per result: LABEL value value ...
"""
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")

import numpy as np
import MDAnalysis as mda
from MDAnalysis.analysis import rms, rdf, msd
from MDAnalysis.coordinates.memory import MemoryReader


def load(system):
    if os.path.isdir(system):
        with open(os.path.join(system, "meta.txt")) as f:
            atoms, frames = (int(v) for v in f.read().split())
        pos = np.fromfile(os.path.join(system, "positions.f32"), dtype="<f4").reshape(frames, atoms, 3)
        box = np.fromfile(os.path.join(system, "boxes.f32"), dtype="<f4").reshape(frames, 6)
        masses = np.fromfile(os.path.join(system, "masses.f64"), dtype="<f8")
        u = mda.Universe.empty(atoms, trajectory=False)
        u.load_new(pos, format=MemoryReader, dimensions=box)
        u.add_TopologyAttr("masses", masses)
        return u
    return mda.Universe(system)


def out(label, values):
    print(label + " " + " ".join(repr(float(v)) for v in np.ravel(values)))


def main():
    u = load(sys.argv[1])
    with open(sys.argv[2]) as f:
        tasks = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for label, kind, params in tasks:
        p = json.loads(params)
        if kind == "select":
            out(label, u.select_atoms(p["select"]).indices)
        elif kind == "masses":
            out(label, u.atoms.masses)
        elif kind == "write":
            u.atoms.write(p["path"])
        elif kind == "resids":
            out(label, u.atoms.resids)
        elif kind == "rmsd":
            weights = p.get("weights")
            if p.get("superposition", True):
                r = rms.RMSD(u, select=p["select"], weights=weights, ref_frame=p.get("ref", 0)).run()
                out(label, r.results.rmsd[:, 2])
            else:
                ag = u.select_atoms(p["select"])
                u.trajectory[p.get("ref", 0)]
                ref = ag.positions.copy()
                w = ag.masses if weights == "mass" else None
                vals = [rms.rmsd(ag.positions, ref, weights=w, center=False, superposition=False)
                        for ts in u.trajectory]
                out(label, vals)
        elif kind == "rmsf":
            r = rms.RMSF(u.select_atoms(p["select"])).run()
            out(label, r.results.rmsf)
        elif kind == "rg":
            ag = u.select_atoms(p["select"])
            vals = []
            for ts in u.trajectory:
                if p.get("weights") == "mass":
                    vals.append(ag.radius_of_gyration())
                else:
                    # MDAnalysis's Rg is mass-weighted; unit masses give the unweighted one
                    saved = ag.masses.copy()
                    ag.masses = np.ones(len(ag))
                    vals.append(ag.radius_of_gyration())
                    ag.masses = saved
            out(label, vals)
        elif kind == "com":
            ag = u.select_atoms(p["select"])
            vals = [ag.center_of_mass() if p.get("weights") == "mass" else ag.center_of_geometry()
                    for ts in u.trajectory]
            out(label, vals)
        elif kind == "msd":
            m = msd.EinsteinMSD(u, select=p["select"], msd_type=p.get("msd_type", "xyz"), fft=False).run()
            out(label, m.results.timeseries)
        elif kind == "rdf":
            r = rdf.InterRDF(u.select_atoms(p["g1"]), u.select_atoms(p["g2"]), nbins=p["nbins"],
                             range=tuple(p["range"])).run()
            out(label + ".bins", r.results.bins)
            out(label + ".rdf", r.results.rdf)
            out(label + ".count", r.results.count)
        else:
            raise SystemExit("unknown task " + kind)


main()
