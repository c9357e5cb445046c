"""Synthetic Jobcenters: seeded, reproducible, streamed to the exchange format.

:func:`lotse.simulation.generator.generate` writes an exchange-format folder for one of the
profiles in :mod:`lotse.simulation.profiles` (the five Jobcenters of ``docs/mission.md`` and a
small ``demo``). Every person is synthetic. The modules, from data to output:

``origins``      attribute distributions per origin category (citizenship, German, status, ...)
``names``        common first and family names per origin, employer name parts
``occupations``  curated real KldB 2010 codes per sector with vacancy titles and wages
``money``        Regelbedarf, Mehrbedarf, KdU, counted income (§ 11b SGB II), break-even wage
``profiles``     the Jobcenter profiles with their published figures and assumptions
``plan``         rate schedules and the exact stratified allocation of people (streamable)
``people``       vectorised person attributes for one chunk
``timeline``     benefit periods and job starts of one person
``propensity``   the latent hire propensity (never origin, gender or age)
``labour``       employers and vacancies
``history``      past proposals and their outcomes
``organisation`` sites, officers, teams, programmes
``stats``        the figures the generator produced, for ``generation.json``
``writer``       canonical CSV writing into a folder, all or nothing
``generator``    the public entry point
"""
