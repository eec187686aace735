import factory

from comments.models import Comment
from tests.factories import ArticleFactory, UserFactory


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory, published=True)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"A thoughtful remark number {n}.")
    status = Comment.Status.APPROVED

    @factory.post_generation
    def thread(self, create, extracted, **kwargs):
        # What comment_post does: a reply sits one level under its parent, in its thread.
        if not create:
            return
        self.depth = self.parent.depth + 1 if self.parent_id else 0
        self.root_id = self.parent.root_id if self.parent_id else self.pk
        Comment.objects.filter(pk=self.pk).update(depth=self.depth, root_id=self.root_id)
