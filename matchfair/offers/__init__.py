"""SSE companies' offers: what they propose to buyers, with references."""
