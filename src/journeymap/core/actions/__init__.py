"""Improvement actions (Step 4 of Edinburgh's guide) without Django: the to-be map their effects
describe (`to_be`), and the board's reading of a plan: what is overdue, and the impact and
effort matrix (`board`)."""
