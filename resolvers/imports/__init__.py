"""Data brought in from other systems (the original BankBot)."""
