"""The newsroom: writers and editors spend their day here.

Every rule about who may do what is asked of `articles.services`; the admin only decides
what to show. Querysets, permission methods, form choices and actions all ask, so a crafted
POST meets the same refusal as a hidden button. One module a model (article.py,
categories.py, images.py, site_identity.py), and one for each of the article's extra views
(history.py, workflow.py, take_down.py, preview.py).
"""

from . import article, categories, images, site_identity  # noqa: F401  each registers its admin
