"""Tournaments: brackets as plain data (``bracket``), registration with its escrowed entry fees
(``registration``) and play — seeding, results, disputes, deadlines and prizes (``play``)."""

from __future__ import annotations

import resolvers.tournaments.texts  # noqa: F401  (defines this domain's notification texts)
from resolvers.errors import ErrorCodes
from resolvers.tournaments import common, play, registration

ERRORS = ErrorCodes("tournaments", uses=(common.ERRORS, registration.ERRORS, play.ERRORS))
