from django import template

from articles.images import picture_sources

register = template.Library()


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes="100vw", alt=None, lead=False, css_class=""):
    """A responsive <picture> for an Image: WebP with a JPEG fallback, sized to its slot.

    `lead` marks the picture a reader sees first (the hero): loaded at once with high
    priority; every other picture waits until it nears the screen.
    """
    return {
        "image": image,
        "sources": picture_sources(image) if image else None,
        "sizes": sizes,
        "alt": image.alt_text if alt is None and image else (alt or ""),
        "lead": lead,
        "css_class": css_class,
    }
