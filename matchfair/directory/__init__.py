"""Public directory of SSE companies (sourcing)."""
