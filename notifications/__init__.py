"""Notifications: people in the newsroom are told what concerns them, in the admin and by
e-mail. Other apps call `services.notify`; the article workflow is heard through its
`ArticleTransition` rows (`receivers.py`)."""
