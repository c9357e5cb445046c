"""The demo Jobcenter: a generated Jobcenter loaded through the normal workflows."""
