import io

import factory
from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles.images import ensure_renditions
from articles.models import Image


def picture_file(width=800, height=600, name="harbour.jpg", colour=(40, 90, 140)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image
        skip_postgeneration_save = True

    file = factory.LazyAttribute(lambda image: picture_file(*image.size))
    alt_text = "Fishing boats tied up in the harbour at dawn"
    caption = "The harbour on Tuesday morning."
    credit = "Ana Reyes"

    class Params:
        size = (800, 600)

    @factory.post_generation
    def renditions_made(image, create, extracted, **kwargs):
        # As the background job would have made them (articles.images.make_image_renditions).
        if create and extracted is not False:
            ensure_renditions(image)
