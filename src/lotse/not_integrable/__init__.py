"""Assessments that a client is not integrable now, with coded reasons and review dates."""
