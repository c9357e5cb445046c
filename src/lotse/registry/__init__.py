"""The case registry as a whole: what a Jobcenter's database holds."""
