"""Citizens' own feedback on a journey: the five-face rating scale, statistics of ratings, and
the sentiment of what they wrote. Pure Python: the web app stores responses and calls these."""
