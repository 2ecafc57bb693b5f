import resolvers.referrals.texts  # noqa: F401  (defines this domain's notification texts)
