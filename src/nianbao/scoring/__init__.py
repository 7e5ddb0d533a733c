"""Scoring: findings weighed by a rubric into part scores, a total and a grade."""

from nianbao.scoring.grade import Deduction, PartScore, Scorecard, score
from nianbao.scoring.rubric import Rubric, RubricError, load_rubric

__all__ = ["Deduction", "PartScore", "Rubric", "RubricError", "Scorecard", "load_rubric", "score"]
