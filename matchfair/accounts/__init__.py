"""Accounts: sign-up, e-mail confirmation, log-in, password reset and changes."""
