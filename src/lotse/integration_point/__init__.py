"""The Integration Point: one case shared by the employment agency, the Jobcenter, the social
office and the immigration office, with the person's consent deciding what each may see
(``docs/integration-point.md``)."""
