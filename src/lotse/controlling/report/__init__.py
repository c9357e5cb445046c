"""The controlling report: an HTML page with charts, the same as PDF, and an Excel workbook."""
