"""Recognition of foreign qualifications (BQFG) as tracked steps with deadlines."""
