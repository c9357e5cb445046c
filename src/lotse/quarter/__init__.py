"""A quarter planned end to end: caseloads allocated, contacts planned, the plan checked."""
