"""Programme controlling: key figures and programme results from Lotse's records, as reports."""
