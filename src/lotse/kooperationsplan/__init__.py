"""The Kooperationsplan of a client (§ 15 SGB II): goals, agreed steps, reviews."""
