"""The bank: savings deposits with a term and daily interest (``savings``), loans repaid by daily
installments (``loans``) and the credit score that prices them (``credit``)."""

import resolvers.bank.texts  # noqa: F401  (defines this domain's notification texts)
