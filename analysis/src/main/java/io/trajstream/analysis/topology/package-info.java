/**
 * Topologies from PDB and GRO files ({@link io.trajstream.analysis.topology.Topology}): atom and
 * residue names, residue ids, segments, and element types and masses guessed as MDAnalysis does.
 */
package io.trajstream.analysis.topology;
