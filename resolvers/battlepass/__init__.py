"""The battle pass: seasons of 100 levels (``seasons``), the curve, the two reward tracks and the
prices (``rules``), and each player's pass: XP from domain events, rewards paid once each, premium
and level skips bought with COIN (``passes``)."""

import resolvers.battlepass.texts  # noqa: F401  (defines this domain's notification texts)
