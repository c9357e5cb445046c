"""Simulations: synthetic labour markets (and Jobcenters) with known ground truth."""
