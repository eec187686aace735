"""What the presence app tells others: the notifications app tells the one who lost the article."""

from django.dispatch import Signal

# article=, holder= (who lost it), by= (who took it); sent once the take-over commits.
taken_over = Signal()
