#!/usr/bin/python3
"""Writes the remote-streaming benchmark's trajectory with MDAnalysis's H5MD writer.

A water-box-sized system (2,652 atoms, 2,001 frames, positions only, float32) moving by small
random steps inside a 3 nm periodic box, written as MDAnalysis writes a converted GROMACS run:
10-frame chunks, gzip level 4. Usage: make-water-like.py OUT.h5md [SEED]
"""
import sys

import MDAnalysis as mda
import numpy as np

ATOMS, FRAMES, BOX = 2652, 2001, 30.0  # Angstrom, as MDAnalysis holds them

out = sys.argv[1]
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
u = mda.Universe.empty(ATOMS, trajectory=True)
u.dimensions = [BOX, BOX, BOX, 90, 90, 90]
pos = rng.random((ATOMS, 3), dtype=np.float32) * BOX
with mda.Writer(out, n_atoms=ATOMS, n_frames=FRAMES, chunks=(10, ATOMS, 3), compression="gzip",
                compression_opts=4, velocities=False, forces=False, lengthunit="Angstrom", timeunit="ps") as w:
    for frame in range(FRAMES):
        pos = np.mod(pos + rng.normal(0, 0.05, pos.shape).astype(np.float32), BOX)
        u.atoms.positions = pos
        u.trajectory.ts.time = frame * 2.0
        u.trajectory.ts.data["step"] = frame * 1000
        w.write(u.atoms)
