"""One appraisal, many views: each option built once from its file, and every finding about
it (projection, sensitivity, switching, simulation, fan) reached from here.

Commands ask this package; renderers receive what it returns (values from
`bizcase.results`) and only format them.
"""
