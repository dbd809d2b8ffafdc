"""Human-readable views of analysed articles (the brief and the exports build on these)."""
